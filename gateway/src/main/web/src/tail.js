// Tails one stream live with the official Durable Streams client, rendering each batch and saving
// the offset after it, so that a reload continues right after the last message shown.

import { stream } from "@durable-streams/client";
import { streamUrlPath } from "./streamList.js";
import { loadProgress, saveProgress, forgetProgress } from "./savedProgress.js";
import { applyChange, isChangeMessage, isControlMessage, renderTable } from "./stateTable.js";

export function tailStream(path, view) {
  const abort = new AbortController();
  const progress = loadProgress(path);
  let stateMode = Object.keys(progress.rows).length > 0;

  view.reset(path);
  for (const text of progress.messages) view.addMessage(text);
  if (stateMode) renderTable(view.table, progress.rows);
  if (progress.offset !== "-1") view.addNote(`resumed at offset ${progress.offset}`);
  view.setOffset(progress.offset);
  view.setState("connecting");

  const run = async () => {
    const res = await stream({
      url: new URL(streamUrlPath(path), location.origin).toString(),
      offset: progress.offset,
      live: true,
      signal: abort.signal,
      warnOnHttp: false,
    });
    view.setType(res.contentType ?? "");
    const onBatch = (texts, items, meta) => {
      for (const item of items) {
        if (isChangeMessage(item) || isControlMessage(item)) {
          stateMode = true;
          applyChange(progress.rows, item);
        }
      }
      for (const text of texts) {
        progress.messages.push(text);
        view.addMessage(text);
      }
      if (stateMode) renderTable(view.table, progress.rows);
      progress.offset = meta.offset;
      saveProgress(path, progress);
      view.setOffset(meta.offset);
      view.setState(meta.streamClosed ? "closed" : meta.upToDate ? "up-to-date" : "live");
    };
    const type = (res.contentType ?? "").toLowerCase();
    if (type.startsWith("application/json")) {
      res.subscribeJson((batch) => onBatch(batch.items.map((i) => JSON.stringify(i)), batch.items, batch));
    } else if (type.startsWith("text/") || type.startsWith("application/x-ndjson")) {
      res.subscribeText((chunk) => onBatch(chunk.text ? [chunk.text] : [], [], chunk));
    } else {
      res.subscribeBytes((chunk) =>
        onBatch(chunk.data.length ? [`${chunk.data.length} bytes`] : [], [], chunk));
    }
  };
  run().catch((err) => {
    if (!abort.signal.aborted) view.setState("error: " + err.message);
  });

  view.onForget(() => {
    forgetProgress(path);
    abort.abort();
    tailStream(path, view);
  });
  return () => abort.abort();
}
