// Tails one stream with the official Durable Streams client, rendering each batch and saving the
// offset after it, so that a reload continues right after the last message shown. JSON streams
// are read with long-poll, whose bodies are the stored messages verbatim: that gives each message
// its stream position, which the source-offsets lookup maps to a Kafka topic, partition and offset.
// A stream with retention may have dropped the messages before its earliest retained offset: the
// page shows that offset, and a read from before it (answered 410) goes on from there with a note.

import { stream } from "@durable-streams/client";
import { streamUrlPath } from "./streamList.js";
import { authHeaders } from "./accessToken.js";
import { loadProgress, saveProgress, forgetProgress, startingAt } from "./savedProgress.js";
import { applyChange, isChangeMessage, isControlMessage, renderTable } from "./stateTable.js";
import { arrayElements, offsetPosition, utf8Length } from "./jsonArray.js";
import { SourceIndex } from "./sourceOffsets.js";
import { isFinish, tokenPiece } from "./tokenText.js";

/**
 * Starts tailing `path` into `view`. `from` replaces the saved offset (a jump).
 * Returns { stop, pause, resume, jumpTo, sources }.
 */
export function tailStream(path, view, from) {
  let progress = from === undefined ? loadProgress(path) : startingAt(from);
  const sources = new SourceIndex(path);
  let abort = null;
  let paused = false;
  let stopped = false;

  const showAll = () => {
    view.reset(path);
    for (const m of progress.messages) view.addMessage(m);
    if (Object.keys(progress.rows).length) renderTable(view.table, progress.rows);
    view.setAssembled(progress.tokens ? progress.assembled : null, progress.finished);
    view.setOffset(progress.offset);
    view.setStats(progress.count, offsetPosition(progress.offset));
  };
  showAll();
  if (from !== undefined) view.addNote(`jumped to offset ${from}`);
  else if (progress.offset !== "-1") view.addNote(`resumed at offset ${progress.offset}`);

  // The stream position of the first message shown with one (saved progress keeps fewer messages
  // than the page shows, so it is remembered here).
  let firstPos = null;
  const refreshSources = () => {
    firstPos ??= progress.messages.find((m) => m.pos !== null && m.pos !== undefined)?.pos ?? null;
    const readUpTo = offsetPosition(progress.offset);
    if (firstPos === null || readUpTo === null) return;
    sources.refresh(firstPos, readUpTo).then(() => view.setKafka(sources), () => view.setKafka(sources));
  };
  refreshSources();

  const onMessages = (entries, meta) => {
    const at = Date.now();
    for (const { text, item, pos } of entries) {
      if (isChangeMessage(item) || isControlMessage(item)) applyChange(progress.rows, item);
      const piece = tokenPiece(item);
      if (piece !== null) {
        progress.assembled += piece;
        progress.tokens++;
      }
      if (isFinish(item)) progress.finished = true;
      progress.count++;
      const message = { n: progress.count, text, pos, at };
      progress.messages.push(message);
      view.addMessage(message);
    }
    if (Object.keys(progress.rows).length) renderTable(view.table, progress.rows);
    if (progress.tokens) view.setAssembled(progress.assembled, progress.finished);
    progress.offset = meta.offset;
    firstPos ??= entries.find((e) => e.pos !== null)?.pos ?? null;
    saveProgress(path, progress);
    view.setOffset(meta.offset);
    view.setStats(progress.count, offsetPosition(meta.offset));
    view.setState(meta.streamClosed ? "closed" : meta.upToDate ? "live" : "catching-up");
    if (entries.length && entries[0].pos !== null) refreshSources();
  };

  const url = new URL(streamUrlPath(path), location.origin).toString();

  const showEarliest = async () => {
    try {
      const head = await fetch(url, { method: "HEAD", headers: authHeaders() });
      if (head.ok) view.setEarliest(head.headers.get("DSK-Earliest-Offset"));
    } catch {
      // Not shown; the tail itself reports what is wrong.
    }
  };

  const run = async (signal) => {
    view.setState("connecting");
    showEarliest();
    let res;
    try {
      res = await open(signal);
    } catch (err) {
      if (!skipDropped(err)) throw err;
      res = await open(signal);
    }
    consume(res, signal);
  };

  /** After a 410 for messages retention dropped, moves the read on to the earliest retained offset. */
  const skipDropped = (err) => {
    const earliest = err?.status === 410 ? err.headers?.["dsk-earliest-offset"] : undefined;
    if (!earliest) return false;
    view.addNote(`messages before offset ${earliest} were dropped by retention; reading on from there`);
    view.setEarliest(earliest);
    progress.offset = earliest;
    return true;
  };

  const open = (signal) => stream({
      url,
      offset: progress.offset,
      live: "long-poll",
      signal,
      headers: authHeaders(),
      warnOnHttp: false,
    });

  const consume = (res, signal) => {
    view.clearError();
    const type = (res.contentType ?? "").toLowerCase();
    view.setType(type);
    if (type.startsWith("application/json")) {
      let position = offsetPosition(progress.offset);
      res.subscribeText((chunk) => {
        const texts = arrayElements(chunk.text);
        const end = offsetPosition(chunk.offset);
        const size = texts.reduce((n, t) => n + utf8Length(t) + 1, 0);
        // Positions are exact only when they add up to the gateway's offsets; otherwise none.
        let pos = end !== null && (position === null || end - size === position) ? end - size : null;
        const entries = texts.map((text) => {
          const entry = { text, item: parse(text), pos };
          if (pos !== null) pos += utf8Length(text) + 1;
          return entry;
        });
        position = end;
        onMessages(entries, chunk);
      });
    } else if (type.startsWith("text/") || type.startsWith("application/x-ndjson")) {
      res.subscribeText((chunk) => onMessages(chunk.text ? [{ text: chunk.text, item: null, pos: null }] : [], chunk));
    } else {
      res.subscribeBytes((chunk) => onMessages(chunk.data.length
        ? [{ text: `${chunk.data.length} bytes`, item: null, pos: null }] : [], chunk));
    }
    res.closed.catch((err) => {
      if (!signal.aborted && skipDropped(err)) {
        halt();
        start();
        return;
      }
      fail(err, signal);
    });
  };

  const fail = (err, signal) => {
    if (signal.aborted) return;
    view.setState("error");
    view.showError(err);
  };

  const start = () => {
    abort = new AbortController();
    const signal = abort.signal;
    run(signal).catch((err) => fail(err, signal));
  };

  const halt = () => abort?.abort();

  start();
  return {
    sources,
    stop() {
      stopped = true;
      halt();
    },
    pause() {
      if (paused || stopped) return;
      paused = true;
      halt();
      view.setState("paused");
    },
    resume() {
      if (!paused || stopped) return;
      paused = false;
      start();
    },
    get paused() {
      return paused;
    },
    /** Restarts from the beginning, forgetting what was saved. */
    restart() {
      halt();
      forgetProgress(path);
      progress = loadProgress(path);
      paused = false;
      firstPos = null;
      showAll();
      start();
    },
  };
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
