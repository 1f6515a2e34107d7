// The text an AI token stream spells out: messages that carry a piece of text in `token`,
// `delta`, `text` or `content` (as the connector renders token records), joined in order.

const FIELDS = ["token", "delta", "text", "content"];

/** The piece of text a message adds, or null when it is not a token message. */
export function tokenPiece(item) {
  if (item === null || typeof item !== "object" || Array.isArray(item)) return null;
  for (const f of FIELDS) {
    if (typeof item[f] === "string") return item[f];
  }
  return null;
}

/** True when the message ends the answer (finish_reason set, as OpenAI-style records do). */
export function isFinish(item) {
  return item !== null && typeof item === "object" && item.finish_reason != null;
}
