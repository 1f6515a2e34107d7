// What the page has shown of each stream, kept in localStorage so that a reload resumes from the
// exact offset after the last message shown: no duplicate, no gap.

const PREFIX = "dsk:progress:";
const MAX_MESSAGES = 500;

function empty() {
  return { offset: "-1", messages: [], rows: {}, count: 0, assembled: "", tokens: 0, finished: false };
}

export function loadProgress(path) {
  try {
    const saved = JSON.parse(localStorage.getItem(PREFIX + path));
    if (saved && typeof saved.offset === "string") {
      const messages = (saved.messages ?? []).map((m) => (typeof m === "string" ? { text: m } : m));
      return { ...empty(), ...saved, messages, count: saved.count ?? messages.length };
    }
  } catch {
    // A corrupt entry is treated as no progress.
  }
  return empty();
}

export function saveProgress(path, progress) {
  const messages = progress.messages.slice(-MAX_MESSAGES);
  progress.messages = messages;
  try {
    localStorage.setItem(PREFIX + path, JSON.stringify(progress));
  } catch {
    // Storage full or disabled: the page still works, it just cannot resume.
  }
}

export function forgetProgress(path) {
  localStorage.removeItem(PREFIX + path);
}

export function startingAt(offset) {
  return { ...empty(), offset };
}
