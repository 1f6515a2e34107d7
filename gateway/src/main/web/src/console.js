// The DSK console: lists streams and tails the one named in the URL hash (#/stream/<path>).

import { fetchStreams, renderStreams } from "./streamList.js";
import { tailStream } from "./tail.js";
import { currentToken, describe, saveToken } from "./accessToken.js";
import { coordinatesOf, parseKafkaAddress } from "./sourceOffsets.js";
import { offsetPosition } from "./jsonArray.js";

const $ = (id) => document.getElementById(id);
const MAX_SHOWN = 2000;
let tail = null;
let selected = null;
let listHeld = false;
let pendingList = null;
let listForbidden = false;

// ---- errors and the token -------------------------------------------------------------------

function showError(err) {
  const box = $("error");
  box.textContent = describe(err);
  box.hidden = false;
  if (err?.status === 401) revealToken(true);
}

function clearError() {
  $("error").hidden = true;
  $("error").textContent = "";
}

function revealToken(focus) {
  $("token-form").hidden = false;
  $("token-toggle").hidden = true;
  if (focus && !$("token").value) $("token").focus();
}

$("token-form").addEventListener("submit", (e) => {
  e.preventDefault();
  saveToken($("token").value.trim());
  clearError();
  restartTail();
  refreshList();
});
$("token-clear").addEventListener("click", () => {
  $("token").value = "";
  saveToken("");
  restartTail();
  refreshList();
});
$("token-toggle").addEventListener("click", () => revealToken(true));

// ---- the stream view ------------------------------------------------------------------------

const formatTime = (ms) => {
  const d = new Date(ms);
  const pad = (n, w = 2) => String(n).padStart(w, "0");
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
};
const offsetOf = (pos) => "0000000000000000_" + String(pos).padStart(16, "0");

function formatSize(bytes) {
  if (bytes === null || bytes === undefined) return "";
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = bytes;
  let u = -1;
  do { v /= 1024; u++; } while (v >= 1024 && u < units.length - 1);
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

// Nested or long JSON is indented; a small flat message stays on one line, so that a busy
// stream of small records remains readable at a glance.
function pretty(text) {
  try {
    const value = JSON.parse(text);
    if (typeof value !== "object" || value === null) return text;
    const nested = Object.values(value).some((v) => typeof v === "object" && v !== null);
    return nested || text.length > 100 ? JSON.stringify(value, null, 2) : JSON.stringify(value);
  } catch {
    return text;
  }
}

async function copy(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  button.textContent = "Copied";
  setTimeout(() => { button.textContent = "Copy"; }, 1500);
}

const view = {
  table: null,
  reset(path) {
    $("placeholder").hidden = true;
    $("stream-view").hidden = false;
    $("stream-path").textContent = path;
    $("stream-type").textContent = "";
    $("kafka-note").textContent = "";
    $("messages").replaceChildren();
    this.table = $("state-table");
    this.table.hidden = true;
    this.table.tHead.replaceChildren();
    this.table.tBodies[0].replaceChildren();
    this.setAssembled(null, false);
    this.setState("connecting");
    $("pause").textContent = "Pause";
  },
  addMessage(m) {
    const li = document.createElement("li");
    li.className = "message";
    if (m.pos !== null && m.pos !== undefined) li.dataset.pos = String(m.pos);
    const meta = document.createElement("div");
    meta.className = "meta";
    const n = document.createElement("span");
    n.className = "n";
    n.textContent = m.n ? `#${m.n}` : "";
    const kafka = document.createElement("span");
    kafka.className = "kafka";
    kafka.dataset.testid = "kafka";
    const offset = document.createElement("span");
    offset.className = "offset";
    offset.textContent = m.pos !== null && m.pos !== undefined ? offsetOf(m.pos) : "";
    const time = document.createElement("time");
    if (m.at) {
      time.dateTime = new Date(m.at).toISOString();
      time.textContent = formatTime(m.at);
      time.title = "received " + new Date(m.at).toISOString();
    }
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = "Copy";
    button.addEventListener("click", () => copy(m.text, button));
    meta.append(n, kafka, offset, time, button);
    const body = document.createElement("pre");
    body.className = "body";
    body.dataset.raw = m.text;
    body.textContent = pretty(m.text);
    li.append(meta, body);
    const list = $("messages");
    list.append(li);
    while (list.children.length > MAX_SHOWN) list.firstElementChild.remove();
    scheduleLabels();
  },
  addNote(text) {
    const li = document.createElement("li");
    li.className = "note";
    li.textContent = text;
    $("messages").append(li);
  },
  setType(type) { $("stream-type").textContent = type; },
  setOffset(offset) { $("stream-offset").textContent = offset; },
  /** Shows the earliest retained offset once retention dropped older messages; hides it otherwise. */
  setEarliest(offset) {
    const dropped = (offsetPosition(offset) ?? 0) > 0;
    $("stream-earliest-label").hidden = !dropped;
    $("stream-earliest").hidden = !dropped;
    $("stream-earliest").textContent = dropped ? `${offset} (older messages were dropped by retention)` : "";
  },
  setStats(count, bytes) {
    $("stream-count").textContent = String(count);
    $("stream-size").textContent = formatSize(bytes);
  },
  setState(state) {
    const badge = $("stream-state");
    badge.textContent = state;
    badge.className = "badge " + state;
  },
  setAssembled(text, finished) {
    $("assembled").hidden = text === null;
    $("assembled-text").textContent = text ?? "";
    $("assembled-state").textContent = finished ? "finished" : "in progress";
  },
  setKafka(sources) {
    const note = sources.state === "unavailable" ? sources.reason
      : sources.state === "none" ? "No Kafka source offsets recorded for this stream." : "";
    $("kafka-note").textContent = note;
    $("kafka-note").className = sources.state === "unavailable" ? "warn" : "muted";
    if (sources.state === "ok") labelKafka(sources);
  },
  showError,
  clearError,
};

function labelKafka(sources) {
  const items = [...$("messages").querySelectorAll("li.message[data-pos]")];
  if (items.length) sources.forget(Number(items[0].dataset.pos));
  const coordinates = coordinatesOf(sources, items.map((li) => Number(li.dataset.pos)));
  items.forEach((li, i) => {
    const label = li.querySelector(".kafka");
    const c = coordinates[i];
    let text = "";
    if (c) text = `${c.topic} · p${c.partition} · @${c.offset ?? `${c.first}–${c.last}`}`;
    else if (!sources.running) text = "Kafka offset unknown";
    if (!text || label.textContent === text) return;
    label.textContent = text;
    label.title = c ? "" : "Its append carried no Kafka source range, or was written before the gateway "
      + "listed appends by stream offset; jump to topic/partition/offset to look one up";
    label.dataset.offset = c?.offset == null ? "" : String(c.offset);
  });
}

let labelling = false;
function scheduleLabels() {
  if (labelling) return;
  labelling = true;
  queueMicrotask(() => {
    labelling = false;
    if (tail?.sources.state === "ok") labelKafka(tail.sources);
  });
}

function restartTail(from) {
  tail?.stop();
  tail = selected ? tailStream(selected, view, from) : null;
}

function selectFromHash() {
  const match = location.hash.match(/^#\/stream\/(.+)$/);
  const path = match ? decodeURI(match[1]) : null;
  if (path === selected) return;
  selected = path;
  clearError();
  restartTail();
  refreshList();
}

$("pause").addEventListener("click", () => {
  if (!tail) return;
  if (tail.paused) {
    tail.resume();
    $("pause").textContent = "Pause";
  } else {
    tail.pause();
    $("pause").textContent = "Resume";
  }
});

$("forget").addEventListener("click", () => tail?.restart());

$("jump-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  if (!tail) return;
  const text = $("jump").value.trim();
  if (text === "-1" || text === "now" || /^\d{16}_\d{16}$/.test(text)) {
    clearError();
    restartTail(text);
    return;
  }
  const kafka = parseKafkaAddress(text);
  if (!kafka) {
    showError(new Error("Jump to: type a stream offset (0000000000000000_0000000000000123, -1, now) "
      + "or a Kafka topic/partition/offset (orders/0/41)"));
    return;
  }
  try {
    const batch = await tail.sources.lookup(kafka.topic, kafka.partition, kafka.offset);
    if (!batch) {
      showError(new Error(`Kafka offset ${kafka.offset} of ${kafka.topic}/${kafka.partition} was never written to this stream`));
      return;
    }
    clearError();
    restartTail(batch.streamOffset);
  } catch (err) {
    showError(err);
  }
});

// ---- the stream list ------------------------------------------------------------------------

// The list refreshes every 5 s, less often when it takes many pages, so that a gateway with a
// hundred thousand streams is not asked for all of them every few seconds.
const REFRESH_MS = 5000;
let refreshTimer = 0;
let refreshEvery = REFRESH_MS;

async function refreshList() {
  const prefix = $("filter").value.trim();
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refreshList, refreshEvery);
  try {
    const streams = await fetchStreams(prefix);
    refreshEvery = REFRESH_MS * Math.max(1, Math.ceil(streams.pages / 2));
    if (prefix !== $("filter").value.trim()) return; // a newer search is on its way
    listForbidden = false;
    pendingList = streams;
    drawList();
    $("list-status").textContent = streams.length
      ? `${streams.length} stream${streams.length === 1 ? "" : "s"}`
      : prefix ? `No stream starts with ${prefix}` : "No streams yet.";
    $("list-status").className = "muted";
  } catch (err) {
    listForbidden = err.status === 401 || err.status === 403;
    $("list-status").textContent = describe(err)
      + (listForbidden ? " Type a stream path above and press Enter to open it." : "");
    $("list-status").className = "warn";
    if (err.status === 401) revealToken(false);
  }
}

function drawList() {
  if (pendingList && renderStreams($("stream-list"), pendingList, selected, listHeld)) pendingList = null;
}

let filterTimer = 0;
$("filter").addEventListener("input", () => {
  clearTimeout(filterTimer);
  filterTimer = setTimeout(refreshList, 150);
});
$("filter-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const value = $("filter").value.trim();
  if (listForbidden && value) location.hash = "#/stream/" + encodeURI(value);
  else refreshList();
});
$("stream-list").addEventListener("pointerenter", () => { listHeld = true; });
$("stream-list").addEventListener("pointerleave", () => {
  listHeld = false;
  drawList();
});

if (currentToken()) {
  $("token").value = currentToken();
  revealToken(false);
}
window.addEventListener("hashchange", selectFromHash);
selectFromHash();
if (!selected) refreshList();
// For tests and the curious: refresh the list now.
window.dskConsole = { refreshList };
