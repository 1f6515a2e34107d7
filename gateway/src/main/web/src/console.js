// The DSK console: lists streams and tails the one named in the URL hash (#/stream/<path>).

import { fetchStreams, renderStreams } from "./streamList.js";
import { tailStream } from "./tail.js";

const $ = (id) => document.getElementById(id);
let stopTail = () => {};
let selected = null;

const view = {
  table: null,
  reset(path) {
    $("placeholder").hidden = true;
    $("stream-view").hidden = false;
    $("stream-path").textContent = path;
    $("stream-type").textContent = "";
    $("messages").replaceChildren();
    this.table = $("state-table");
    this.table.hidden = true;
    this.table.tHead.replaceChildren();
    this.table.tBodies[0].replaceChildren();
  },
  addMessage(text) {
    const li = document.createElement("li");
    li.textContent = text;
    $("messages").append(li);
  },
  addNote(text) {
    const li = document.createElement("li");
    li.className = "note";
    li.textContent = text;
    $("messages").append(li);
  },
  setType(type) { $("stream-type").textContent = type; },
  setOffset(offset) { $("stream-offset").textContent = offset; },
  setState(state) {
    const badge = $("stream-state");
    badge.textContent = state;
    badge.className = "badge " + state.split(":")[0];
  },
  onForget(handler) { $("forget").onclick = handler; },
};

function selectFromHash() {
  const match = location.hash.match(/^#\/stream\/(.+)$/);
  const path = match ? decodeURI(match[1]) : null;
  if (path === selected) return;
  stopTail();
  selected = path;
  if (path) stopTail = tailStream(path, view);
  refreshList();
}

async function refreshList() {
  try {
    const streams = await fetchStreams($("filter").value.trim());
    renderStreams($("stream-list"), streams, selected);
    $("list-status").textContent = streams.length ? "" : "No streams yet.";
  } catch (err) {
    $("list-status").textContent = err.message;
  }
}

$("filter-form").addEventListener("submit", (e) => {
  e.preventDefault();
  refreshList();
});
$("filter").addEventListener("input", () => refreshList());
window.addEventListener("hashchange", selectFromHash);
selectFromHash();
setInterval(refreshList, 5000);
