// The stream list, from the gateway's listing extension (GET /v1/stream/__ds/streams).

export const STREAM_ROOT = "/v1/stream/";

// The URL path of a stream: its name with each segment percent-encoded once more, so the gateway's
// single decoding gives back the name ("users/alice%40x" is sent as "users/alice%2540x"; see
// docs/transforms.md, "Stream paths: the rule").
export function streamUrlPath(name) {
  return STREAM_ROOT + name.split("/").map(encodeURIComponent).join("/");
}

export async function fetchStreams(prefix) {
  const url = new URL(STREAM_ROOT + "__ds/streams", location.origin);
  if (prefix) url.searchParams.set("prefix", prefix);
  url.searchParams.set("limit", "500");
  const res = await fetch(url, { cache: "no-store" });
  if (!res.ok) throw new Error(`listing failed: ${res.status} ${await res.text()}`);
  return (await res.json()).streams;
}

export function renderStreams(list, streams, selected) {
  list.replaceChildren(...streams.map((s) => {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = "#/stream/" + encodeURI(s.path);
    a.textContent = s.path;
    a.setAttribute("aria-current", String(s.path === selected));
    const note = document.createElement("small");
    note.textContent = s.closed ? "closed" : "";
    a.append(note);
    li.append(a);
    return li;
  }));
}
