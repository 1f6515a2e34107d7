// What the browser tests share: the gateways ConsolePageIT started, HS256 tokens for the one with
// auth on, requests to the protocol, and Chromium.
//
// Environment: DSK_URL (gateway without auth), DSK_AUTH_URL (gateway with auth on, grants from
// the `ds` claim), DSK_AUTH_SECRET (its HMAC secret), DSK_SCREENSHOTS, DSK_CHROMIUM.
import { createHmac } from "node:crypto"
import { mkdirSync } from "node:fs"
import { join } from "node:path"
import { chromium } from "playwright-core"

export const base = process.env.DSK_URL
export const authBase = process.env.DSK_AUTH_URL
export const screenshots = process.env.DSK_SCREENSHOTS ?? "target/browser-screenshots"
export const WAIT = { timeout: 30_000 }

const b64 = (v) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url")

/** An HS256 token for the gateway with auth on, with grants in its `ds` claim. */
export function token(grants, sub = "console-test") {
  const header = b64({ alg: "HS256", typ: "JWT" })
  const payload = b64({ sub, ds: grants, exp: Math.floor(Date.now() / 1000) + 3600 })
  const sig = createHmac("sha256", process.env.DSK_AUTH_SECRET).update(`${header}.${payload}`).digest("base64url")
  return `${header}.${payload}.${sig}`
}

export const ADMIN = { read: ["**"], write: ["**"], admin: ["**"] }

/** One protocol request; returns the response (body read as text into res.body). */
export async function request(gateway, method, path, { headers = {}, body, bearer } = {}) {
  const h = { ...headers }
  if (bearer) h.Authorization = `Bearer ${bearer}`
  const res = await fetch(`${gateway}/v1/stream/${path}`, { method, headers: h, body })
  res.text_ = await res.text()
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text_}`)
  return res
}

export const createJson = (gateway, path, opts = {}) =>
  request(gateway, "PUT", path, { ...opts, headers: { "Content-Type": "application/json", ...opts.headers } })

export const appendJson = (gateway, path, messages, opts = {}) =>
  request(gateway, "POST", path, {
    ...opts, body: JSON.stringify(messages), headers: { "Content-Type": "application/json", ...opts.headers },
  })

export const close = (gateway, path, opts = {}) =>
  request(gateway, "POST", path, { ...opts, headers: { "Stream-Closed": "true", ...opts.headers } })

export async function launch() {
  mkdirSync(screenshots, { recursive: true })
  return chromium.launch({
    executablePath: process.env.DSK_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  })
}

export const shot = (page, name) => page.screenshot({ path: join(screenshots, name), fullPage: false })
