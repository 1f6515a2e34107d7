// What the page has shown of each stream, kept in localStorage so that a reload resumes from the
// exact offset after the last message shown: no duplicate, no gap.

const PREFIX = "dsk:progress:";
const MAX_MESSAGES = 500;

export function loadProgress(path) {
  try {
    const saved = JSON.parse(localStorage.getItem(PREFIX + path));
    if (saved && typeof saved.offset === "string") {
      return { offset: saved.offset, messages: saved.messages ?? [], rows: saved.rows ?? {} };
    }
  } catch {
    // A corrupt entry is treated as no progress.
  }
  return { offset: "-1", messages: [], rows: {} };
}

export function saveProgress(path, progress) {
  const messages = progress.messages.slice(-MAX_MESSAGES);
  try {
    localStorage.setItem(PREFIX + path, JSON.stringify({ ...progress, messages }));
  } catch {
    // Storage full or disabled: the page still works, it just cannot resume.
  }
}

export function forgetProgress(path) {
  localStorage.removeItem(PREFIX + path);
}
