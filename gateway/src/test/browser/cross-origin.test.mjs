// A page on another origin reads a stream of the gateway with auth on, in Chromium: the official
// client (bearer token, so every read is a CORS request with a preflight) must receive catch-up and
// live messages, and a script must be able to read every protocol header of a read's and an
// append's answer (Access-Control-Expose-Headers).
//
// Environment: as gateway.mjs.
import { test, before, after } from "node:test"
import assert from "node:assert/strict"
import { build } from "esbuild"
import { ADMIN, WAIT, appendJson, authBase, createJson, launch, shot, token } from "./gateway.mjs"

const FEED = "users/carol/feed"
// Another origin than the gateway's (127.0.0.1). The page is served by the test, so Chromium does not
// know its address space and would ask before letting it reach a loopback address; the context is
// given that permission, as a page on a public origin reading a public gateway needs none.
const APP = new URL(authBase).origin.replace("127.0.0.1", "localhost")
let browser

before(async () => {
  assert.notEqual(APP, new URL(authBase).origin, "the page's origin is not the gateway's")
  browser = await launch()
})

after(async () => {
  await browser?.close()
})

/** The page's script: the official client reading FEED live from the gateway, another origin. */
async function bundle(userToken) {
  const out = await build({
    stdin: {
      contents: `
        import { stream } from "@durable-streams/client"
        window.shown = []
        const res = await stream({
          url: ${JSON.stringify(`${authBase}/v1/stream/${FEED}`)},
          offset: "-1",
          live: true,
          headers: { Authorization: ${JSON.stringify(`Bearer ${userToken}`)} },
        })
        res.subscribeJson((batch) => { for (const m of batch.items) window.shown.push(m.n) })
      `,
      resolveDir: process.cwd(),
    },
    bundle: true, format: "esm", target: "es2022", write: false, logLevel: "error",
  })
  return out.outputFiles[0].text
}

test("a page on another origin reads a stream live and every protocol header it is sent", async () => {
  const admin = token(ADMIN)
  const reader = token({ read: ["users/carol/**"], write: ["users/carol/**"] }, "carol")
  await createJson(authBase, FEED, { bearer: admin })
  await appendJson(authBase, FEED, [{ n: 1 }, { n: 2 }], { bearer: admin })

  const context = await browser.newContext({ permissions: ["local-network-access"] })
  await context.route(`${APP}/page.html`, (route) => route.fulfill({
    contentType: "text/html", body: '<!doctype html><p>app</p><script type="module" src="/page.js"></script>',
  }))
  const script = await bundle(reader)
  await context.route(`${APP}/page.js`, (route) => route.fulfill({ contentType: "text/javascript", body: script }))
  const errors = []
  const page = await context.newPage()
  page.on("pageerror", (err) => errors.push(err.message))
  const waitForShown = (n) => page.waitForFunction((n) => (window.shown ?? []).length >= n, n, WAIT)

  await page.goto(`${APP}/page.html`)
  await waitForShown(2)
  await appendJson(authBase, FEED, [{ n: 3 }], { bearer: admin })
  await waitForShown(3)
  assert.deepEqual(await page.evaluate(() => window.shown), [1, 2, 3], "catch-up and live messages, each once")

  // What a script on the page may read of the answers: every protocol header the gateway sends.
  const seen = await page.evaluate(async ({ url, bearer }) => {
    const names = ["stream-next-offset", "stream-up-to-date", "stream-cursor", "etag", "content-type",
      "x-request-id", "producer-epoch", "producer-seq"]
    const headers = (res) => ({ status: res.status, ...Object.fromEntries(names.map((h) => [h, res.headers.get(h)])) })
    const auth = { Authorization: `Bearer ${bearer}` }
    const read = await fetch(`${url}?offset=-1`, { headers: auth })
    await read.text()
    const poll = fetch(`${url}?offset=${read.headers.get("stream-next-offset")}&live=long-poll`, { headers: auth })
    const append = await fetch(url, {
      method: "POST", body: JSON.stringify([{ n: 4 }]),
      headers: { ...auth, "Content-Type": "application/json", "Producer-Id": "p", "Producer-Epoch": "0", "Producer-Seq": "0" },
    })
    return { read: headers(read), append: headers(append), poll: headers(await poll) }
  }, { url: `${authBase}/v1/stream/${FEED}`, bearer: reader })

  assert.equal(seen.read.status, 200)
  assert.match(seen.read["stream-next-offset"] ?? "", /\S/, "the read's Stream-Next-Offset")
  assert.equal(seen.read["stream-up-to-date"], "true", "the read's Stream-Up-To-Date")
  assert.match(seen.read.etag ?? "", /\S/, "the read's ETag")
  assert.match(seen.read["content-type"] ?? "", /^application\/json/, "the read's Content-Type")
  assert.match(seen.read["x-request-id"] ?? "", /^[0-9a-f]{32}$/, "the read's X-Request-Id")
  assert.equal(seen.append.status, 200, "an idempotent producer's append is answered 200")
  assert.equal(seen.append["producer-epoch"], "0", "the append's Producer-Epoch")
  assert.equal(seen.append["producer-seq"], "0", "the append's Producer-Seq")
  assert.notEqual(seen.append["stream-next-offset"], seen.read["stream-next-offset"], "the append's Stream-Next-Offset")
  assert.equal(seen.poll.status, 200, "the long-poll woken by the append")
  assert.equal(seen.poll["stream-next-offset"], seen.append["stream-next-offset"], "the long-poll's Stream-Next-Offset")
  assert.match(seen.poll["stream-cursor"] ?? "", /\S/, "the long-poll's Stream-Cursor")
  await waitForShown(4)
  await shot(page, "cross-origin.png")
  assert.deepEqual(errors, [])
  await context.close()
})
