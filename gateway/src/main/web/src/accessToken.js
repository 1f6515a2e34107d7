// The bearer token the console sends when the gateway has auth on. It is kept in sessionStorage:
// it survives a reload of the tab, never reaches another tab, and is gone when the tab closes.

const KEY = "dsk:token";

export class HttpError extends Error {
  constructor(status, reason, what) {
    super(`${what}: ${status} ${reason}`.trim());
    this.status = status;
    this.reason = reason;
  }
}

export function currentToken() {
  try {
    return sessionStorage.getItem(KEY) ?? "";
  } catch {
    return "";
  }
}

export function saveToken(token) {
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage disabled: the token lasts until the page is reloaded.
  }
}

/** Headers for a request: the token, when one is set. */
export function authHeaders() {
  const token = currentToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** fetch with the token; a refusal becomes an HttpError carrying the gateway's one-line reason. */
export async function authFetch(url, what) {
  const res = await fetch(url, { cache: "no-store", headers: authHeaders() });
  if (!res.ok) throw new HttpError(res.status, await reasonOf(res), what);
  return res;
}

async function reasonOf(res) {
  const text = (await res.text()).trim();
  try {
    const body = JSON.parse(text);
    if (body && typeof body.error === "string") return body.error;
  } catch {
    // Plain-text reason.
  }
  return text.split("\n")[0].slice(0, 300);
}

/** A short explanation of an error for a person, with what to do about a 401 or 403. */
export function describe(err) {
  const status = err?.status;
  if (status === 401) {
    return "401 Unauthorized: this gateway needs a valid token. Paste one into the Token field.";
  }
  if (status === 403) {
    const reason = (err.reason ?? err.text ?? "").trim() || "the token does not grant this";
    return `403 Forbidden: ${reason.replace(/\.$/, "")}.`;
  }
  const reason = (err?.reason ?? err?.text ?? "").trim();
  if (typeof status === "number" && reason) return `${status}: ${reason.split("\n")[0].slice(0, 300)}`;
  return err?.message ?? String(err);
}
