// Splits the raw body of a JSON-mode read (a JSON array) into the text of each message, so that
// the console knows where each message starts in the stream. The gateway stores each message as
// its compact JSON and a comma, so a message takes (UTF-8 length + 1) bytes of stream position.

/** The text of each element of a JSON array, in order. */
export function arrayElements(text) {
  const out = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      if (depth === 1 && start < 0) start = i;
    } else if (c === 91 || c === 123) { // [ {
      depth++;
      if (depth === 2 && start < 0) start = i;
    } else if (c === 93 || c === 125) { // ] }
      if (depth === 1 && start >= 0) {
        out.push(text.slice(start, i).trim());
        start = -1;
      }
      depth--;
    } else if (c === 44 && depth === 1) { // ,
      if (start >= 0) out.push(text.slice(start, i).trim());
      start = -1;
    } else if (depth === 1 && start < 0 && c > 32) {
      start = i; // number, true, false, null
    }
  }
  return out;
}

/** Bytes of a string in UTF-8, without allocating. */
export function utf8Length(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

/** The byte position in an offset token `%016d_%016d`, or null for another shape. */
export function offsetPosition(offset) {
  const m = /^\d{16}_(\d{16})$/.exec(offset ?? "");
  return m ? Number(m[1]) : null;
}
