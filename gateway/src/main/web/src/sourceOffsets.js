// Where each message came from in Kafka, from the gateway's source-offsets extension
// (GET /v1/stream/__ds/source-offsets, docs/protocol-extensions.md). The watermarks say whether any
// partition fed the stream; the listing form (`from`, `limit`, `next`) answers the stream's appends
// in stream order with their Kafka ranges and stream ranges, a page at a time, so every append that
// holds a shown message is known, however many other streams its partition feeds. A lookup of one
// Kafka offset (the jump) answers the append that holds it.

import { STREAM_ROOT } from "./streamList.js";
import { authFetch } from "./accessToken.js";
import { offsetPosition } from "./jsonArray.js";

const ENDPOINT = STREAM_ROOT + "__ds/source-offsets";
const offsetOf = (pos) => "0000000000000000_" + String(pos).padStart(16, "0");

export class SourceIndex {
  constructor(path) {
    this.path = path;
    this.batches = []; // the listed appends, in stream order
    this.from = null; // stream position from which appends are listed
    this.cursor = null; // stream position up to which every append is listed
    this.generation = 0; // counts listings started afresh, so that a page of an older one is dropped
    this.readUpTo = null; // stream position the tail has read up to
    this.state = "unknown"; // unknown | ok | none | unavailable
    this.reason = "";
    this.listing = true; // false when the gateway answers no listing of appends
    this.running = null;
    this.again = null;
  }

  /**
   * Lists the appends that hold the messages from stream position `from` up to `readUpTo` (what the
   * tail has read); concurrent calls coalesce into one more round.
   */
  refresh(from, readUpTo) {
    this.readUpTo = readUpTo;
    if (this.cursor === null || from < this.from) {
      // The first refresh, or the tail started again further back: list afresh from there.
      this.from = from;
      this.cursor = from;
      this.batches = [];
      this.generation++;
    }
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.#round();
      } while (this.again && this.state === "ok");
      this.running = null;
    })();
    return this.running;
  }

  async #round() {
    if (this.state === "unavailable") return;
    try {
      const url = new URL(ENDPOINT, location.origin);
      url.searchParams.set("path", this.path);
      const marks = (await (await authFetch(url, "source offsets")).json()).watermarks ?? [];
      this.state = marks.length ? "ok" : "none";
      while (this.state === "ok" && this.listing && this.cursor < this.readUpTo) {
        if (!(await this.#page())) break;
      }
    } catch (err) {
      this.#unavailable(err);
    }
  }

  /** Lists one page of appends from the cursor; true when the limit cut it (there may be more). */
  async #page() {
    const url = new URL(ENDPOINT, location.origin);
    url.search = new URLSearchParams({ path: this.path, from: offsetOf(this.cursor) });
    const generation = this.generation;
    const body = await (await authFetch(url, "source offsets listing")).json();
    if (generation !== this.generation) return true; // listing afresh: go on from the new cursor
    if (!Array.isArray(body.appends)) {
      this.listing = false; // a gateway from before the listing: only jumps can look offsets up
      return false;
    }
    for (const a of body.appends) {
      const batch = {
        topic: a.topic, partition: a.partition, first: a.firstOffset, last: a.lastOffset,
        start: offsetPosition(a.streamOffset), end: offsetPosition(a.streamNextOffset),
      };
      if (batch.end > this.cursor) {
        this.batches.push(batch);
        this.cursor = batch.end;
      }
    }
    return typeof body.next === "string";
  }

  /** The append holding a Kafka offset, or null when the stream has none. */
  async lookup(topic, partition, offset) {
    const url = new URL(ENDPOINT, location.origin);
    url.search = new URLSearchParams({ path: this.path, topic, partition: String(partition), offset: String(offset) });
    let body;
    try {
      body = await (await authFetch(url, "source offset lookup")).json();
    } catch (err) {
      if (err.status === 404) return null;
      this.#unavailable(err);
      throw err;
    }
    return {
      topic, partition: Number(partition),
      first: body.batchFirstOffset, last: body.batchLastOffset,
      start: offsetPosition(body.streamOffset), end: offsetPosition(body.streamNextOffset),
      streamOffset: body.streamOffset,
    };
  }

  /** Forgets the appends that end at or before a position (messages no longer shown). */
  forget(position) {
    const keep = this.batches.findIndex((b) => b.end > position);
    if (keep > 0) this.batches.splice(0, keep);
    else if (keep < 0 && this.batches.length) this.batches = [];
  }

  /** The listed append whose stream range holds a position, or undefined (binary search). */
  batchAt(position) {
    let lo = 0;
    let hi = this.batches.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const b = this.batches[mid];
      if (position < b.start) hi = mid - 1;
      else if (position >= b.end) lo = mid + 1;
      else return b;
    }
    return undefined;
  }

  #unavailable(err) {
    if (err.status === 401 || err.status === 403) {
      this.state = "unavailable";
      this.reason = err.status === 403
        ? "Kafka offsets hidden: the token has no grant for the source-offsets lookup (403)."
        : "Kafka offsets hidden: the source-offsets lookup needs a token (401).";
    } else if (err.status === 404) {
      this.state = "none";
    } else {
      this.state = "unavailable";
      this.reason = `Kafka offsets unavailable: ${err.message}`;
    }
  }
}

/**
 * The Kafka coordinates of the messages at the given stream positions (in stream order), with
 * `readUpTo` the stream position read so far. An append's source range runs from its first record to
 * its last, so its first message is at `first`, its last at `last`, and one with k messages of the
 * append before it and m after it lies in [first + k, last - m]: exact for every message of an append
 * of at most two messages, or of one message per offset of its range. Messages of the append not
 * shown (before the first shown, or not read yet) count as at least one. Null where no listed append
 * holds the position.
 */
export function coordinatesOf(index, positions, readUpTo = index.readUpTo) {
  const batches = positions.map((p) => index.batchAt(p));
  const counts = new Map(); // batch -> how many of its messages are shown
  const firstShown = new Map(); // batch -> index of its first shown message
  batches.forEach((b, i) => {
    if (!b) return;
    counts.set(b, (counts.get(b) ?? 0) + 1);
    if (!firstShown.has(b)) firstShown.set(b, i);
  });
  return batches.map((b, i) => {
    if (!b) return null;
    const k = i - firstShown.get(b);
    const before = positions[firstShown.get(b)] === b.start ? k : k + 1;
    const after = readUpTo !== null && readUpTo >= b.end ? counts.get(b) - 1 - k : counts.get(b) - k;
    // The first and the last record of an append are the ends of its range.
    let lo = before === 0 ? b.first : after === 0 ? b.last : b.first + before;
    let hi = after === 0 ? b.last : before === 0 ? b.first : b.last - after;
    if (lo > hi) [lo, hi] = [b.first, b.last]; // more messages than offsets: trust only the range
    return lo === hi
      ? { topic: b.topic, partition: b.partition, offset: lo }
      : { topic: b.topic, partition: b.partition, offset: null, first: lo, last: hi };
  });
}

/** "topic/partition/offset" typed into the jump field, or null. */
export function parseKafkaAddress(text) {
  const m = /^(.+)\/(\d{1,10})\/(\d{1,19})$/.exec(text.trim());
  return m ? { topic: m[1], partition: Number(m[2]), offset: Number(m[3]) } : null;
}
