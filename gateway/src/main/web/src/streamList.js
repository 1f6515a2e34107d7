// The stream list, from the gateway's listing extension (GET /v1/stream/__ds/streams), paged
// with its `next` cursor until the end, sorted naturally (c-9 before c-10), and updated in place
// so that the entry under the pointer never moves.

import { authFetch } from "./accessToken.js";

export const STREAM_ROOT = "/v1/stream/";
const PAGE = 1000;
const MAX_PAGES = 1000;

// The URL path of a stream: its name with each segment percent-encoded once more, so the gateway's
// single decoding gives back the name ("users/alice%40x" is sent as "users/alice%2540x"; see
// docs/transforms.md, "Stream paths: the rule").
export function streamUrlPath(name) {
  return STREAM_ROOT + name.split("/").map(encodeURIComponent).join("/");
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "variant" });
export const naturalOrder = (a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every stream whose path starts with prefix, following `next` page after page; `pages` on the
 * answer says how many requests that took.
 */
export async function fetchStreams(prefix) {
  const streams = [];
  let after = null;
  let page = 0;
  for (; page < MAX_PAGES; page++) {
    const url = new URL(STREAM_ROOT + "__ds/streams", location.origin);
    if (prefix) url.searchParams.set("prefix", prefix);
    if (after !== null) url.searchParams.set("after", after);
    url.searchParams.set("limit", String(PAGE));
    const body = await (await authFetch(url, "listing failed")).json();
    streams.push(...body.streams);
    if (!body.next || body.streams.length === 0) break;
    after = body.next;
  }
  streams.sort((a, b) => naturalOrder(a.path, b.path));
  streams.pages = page + 1;
  return streams;
}

/**
 * Shows streams in `list`, reusing the entry of each path. While `hold` is true (the pointer is
 * over the list) entries are updated but none is added, removed or moved; `renderStreams` returns
 * false then, and should be called again once the pointer leaves.
 */
export function renderStreams(list, streams, selected, hold) {
  const current = new Map([...list.children].map((li) => [li.dataset.path, li]));
  const same = current.size === streams.length && streams.every((s) => current.has(s.path));
  for (const s of streams) {
    const li = current.get(s.path);
    if (li) update(li, s, selected);
  }
  if (same && sameOrder(list, streams)) return true;
  if (hold) return false;
  list.replaceChildren(...streams.map((s) => current.get(s.path) ?? entry(s, selected)));
  return true;
}

function sameOrder(list, streams) {
  const children = list.children;
  for (let i = 0; i < streams.length; i++) {
    if (children[i].dataset.path !== streams[i].path) return false;
  }
  return true;
}

function entry(s, selected) {
  const li = document.createElement("li");
  li.dataset.path = s.path;
  const a = document.createElement("a");
  a.href = "#/stream/" + encodeURI(s.path);
  const name = document.createElement("span");
  name.textContent = s.path;
  const note = document.createElement("small");
  a.append(name, note);
  li.append(a);
  update(li, s, selected);
  return li;
}

function update(li, s, selected) {
  const a = li.firstChild;
  const current = String(s.path === selected);
  if (a.getAttribute("aria-current") !== current) a.setAttribute("aria-current", current);
  const note = s.closed ? "closed" : "";
  if (a.lastChild.textContent !== note) a.lastChild.textContent = note;
}
