// Where each message came from in Kafka, from the gateway's source-offsets extension
// (GET /v1/stream/__ds/source-offsets, docs/protocol-extensions.md). The watermarks name the
// partitions that fed the stream; a lookup of a Kafka offset answers the append that holds it,
// with its Kafka range and its stream range. Walking back from each watermark (first offset - 1,
// looking past gaps of up to MAX_GAP offsets) finds the earlier appends of a partition that feeds
// one stream; appends separated by a wider gap (a partition whose records go to many streams) stay
// unknown unless a jump looks them up: their messages say so.

import { STREAM_ROOT } from "./streamList.js";
import { authFetch } from "./accessToken.js";
import { offsetPosition } from "./jsonArray.js";

const ENDPOINT = STREAM_ROOT + "__ds/source-offsets";
const MAX_LOOKUPS_PER_REFRESH = 200;
const MAX_GAP = 8;

export class SourceIndex {
  constructor(path) {
    this.path = path;
    this.batches = new Map(); // "topic\0partition\0last" -> batch
    this.sorted = null; // the batches by stream position, rebuilt after a lookup adds one
    this.state = "unknown"; // unknown | ok | none | unavailable
    this.reason = "";
    this.running = null;
    this.again = false;
  }

  /** Looks for appends not known yet; concurrent calls coalesce into one more round. */
  refresh() {
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
    let marks;
    try {
      const url = new URL(ENDPOINT, location.origin);
      url.searchParams.set("path", this.path);
      marks = (await (await authFetch(url, "source offsets")).json()).watermarks ?? [];
    } catch (err) {
      this.#unavailable(err);
      return;
    }
    this.state = marks.length ? "ok" : "none";
    let budget = MAX_LOOKUPS_PER_REFRESH;
    const known = new Set(this.batches.keys());
    for (const mark of marks) {
      let offset = mark.offset;
      let misses = 0;
      while (offset >= 0 && budget-- > 0) {
        if (known.has(key(mark.topic, mark.partition, offset))) break;
        const batch = await this.lookup(mark.topic, mark.partition, offset);
        if (batch) {
          if (known.has(key(batch.topic, batch.partition, batch.last))) break;
          offset = batch.first - 1;
          misses = 0;
        } else {
          // A small gap (transaction markers, compacted or filtered records): look a little further.
          if (++misses > MAX_GAP) break;
          offset--;
        }
      }
    }
  }

  /** The append holding a Kafka offset, or null when the stream has none; remembers it. */
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
    const batch = {
      topic, partition: Number(partition),
      first: body.batchFirstOffset, last: body.batchLastOffset,
      start: offsetPosition(body.streamOffset), end: offsetPosition(body.streamNextOffset),
      streamOffset: body.streamOffset,
    };
    this.batches.set(key(topic, batch.partition, batch.last), batch);
    this.sorted = null;
    return batch;
  }

  /** The known append whose stream range holds a position, or undefined (binary search). */
  batchAt(position) {
    if (!this.sorted) this.sorted = [...this.batches.values()].sort((a, b) => a.start - b.start);
    let lo = 0;
    let hi = this.sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const b = this.sorted[mid];
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

function key(topic, partition, last) {
  return `${topic}\u0000${partition}\u0000${last}`;
}

/**
 * The Kafka coordinates of the messages at the given stream positions (in stream order): an exact
 * offset when an append holds one message per Kafka offset of its range and all of them are
 * shown, otherwise the append's range; null where no known append holds the position.
 */
export function coordinatesOf(index, positions) {
  const batches = positions.map((p) => index.batchAt(p));
  const counts = new Map();
  const firstSeen = new Map();
  batches.forEach((b, i) => {
    if (!b) return;
    counts.set(b, (counts.get(b) ?? 0) + 1);
    if (!firstSeen.has(b)) firstSeen.set(b, i);
  });
  return batches.map((b, i) => {
    if (!b) return null;
    const exact = counts.get(b) === b.last - b.first + 1 && positions[firstSeen.get(b)] === b.start;
    return exact
      ? { topic: b.topic, partition: b.partition, offset: b.first + (i - firstSeen.get(b)) }
      : { topic: b.topic, partition: b.partition, offset: null, first: b.first, last: b.last };
  });
}

/** "topic/partition/offset" typed into the jump field, or null. */
export function parseKafkaAddress(text) {
  const m = /^(.+)\/(\d{1,10})\/(\d{1,19})$/.exec(text.trim());
  return m ? { topic: m[1], partition: Number(m[2]), offset: Number(m[3]) } : null;
}
