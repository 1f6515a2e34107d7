// Runs the browser snippet of docs/auth.md ("Browser clients") in Chromium: the block is taken
// from the doc, bundled with the pinned @durable-streams/client and served from the gateway's
// origin (with auth on); messages must arrive, live ones too, and a reload must resume from the
// offset the snippet saved instead of reading the stream again.
//
// Environment: as gateway.mjs, plus DSK_AUTH_DOC (path of docs/auth.md).
import { test, before, after } from "node:test"
import assert from "node:assert/strict"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { build } from "esbuild"
import { ADMIN, WAIT, appendJson, authBase, createJson, launch, shot, token } from "./gateway.mjs"

const FEED = "users/alice/feed"
let browser

before(async () => {
  browser = await launch()
})

after(async () => {
  await browser?.close()
})

/** The first js block after the "### Browser clients" heading of docs/auth.md. */
function snippetFromDoc() {
  const doc = readFileSync(process.env.DSK_AUTH_DOC ?? "../../../../docs/auth.md", "utf8")
  const section = doc.indexOf("\n### Browser clients\n")
  assert.ok(section >= 0, "docs/auth.md has a Browser clients section")
  const block = /```js\n([\s\S]*?)\n```/.exec(doc.slice(section))
  assert.ok(block, "the section has a js block")
  return block[1]
}

/** The snippet bundled as the page's script, with getToken() and show() defined by the page. */
async function bundle(snippet, userToken) {
  const dir = mkdtempSync(join(tmpdir(), "dsk-snippet-"))
  writeFileSync(join(dir, "page-functions.js"), [
    `globalThis.getToken = async () => ${JSON.stringify(userToken)}`,
    `globalThis.show = (m) => { const li = document.createElement("li"); li.textContent = JSON.stringify(m); document.getElementById("out").append(li) }`,
  ].join("\n"))
  writeFileSync(join(dir, "page.js"), 'import "./page-functions.js"\nimport "./snippet.js"\n')
  writeFileSync(join(dir, "snippet.js"), snippet + "\n")
  const out = await build({
    entryPoints: [join(dir, "page.js")], bundle: true, format: "esm", target: "es2022", write: false,
    nodePaths: [join(process.cwd(), "node_modules")], logLevel: "error",
  })
  return out.outputFiles[0].text
}

test("the browser snippet of docs/auth.md receives messages and resumes after a reload", async () => {
  const admin = token(ADMIN)
  await createJson(authBase, FEED, { bearer: admin })
  await appendJson(authBase, FEED, [{ n: 1 }, { n: 2 }], { bearer: admin })
  const script = await bundle(snippetFromDoc(), token({ read: ["users/alice/**"] }, "alice"))

  const context = await browser.newContext()
  await context.route(`${authBase}/snippet-test.html`, (route) => route.fulfill({
    contentType: "text/html", body: '<!doctype html><ul id="out"></ul><script type="module" src="/snippet-test.js"></script>',
  }))
  await context.route(`${authBase}/snippet-test.js`, (route) => route.fulfill({ contentType: "text/javascript", body: script }))
  const reads = []
  context.on("request", (req) => { if (req.url().includes(`/v1/stream/${FEED}`)) reads.push(req.url()) })
  const errors = []
  const page = await context.newPage()
  page.on("pageerror", (err) => errors.push(err.message))
  const shown = () => page.$$eval("#out li", (li) => li.map((l) => JSON.parse(l.textContent).n))
  const waitForShown = (n) => page.waitForFunction((n) => document.querySelectorAll("#out li").length >= n, n, WAIT)

  await page.goto(`${authBase}/snippet-test.html`)
  await waitForShown(2)
  await appendJson(authBase, FEED, [{ n: 3 }], { bearer: admin })
  await waitForShown(3)
  assert.deepEqual(await shown(), [1, 2, 3], "catch-up and live messages, each once")
  const tail = (await appendJson(authBase, FEED, [{ n: 4 }], { bearer: admin })).headers.get("stream-next-offset")
  await waitForShown(4)
  await page.waitForFunction((t) => Object.values(localStorage).includes(t), tail, WAIT)

  reads.length = 0
  await page.reload()
  await page.waitForFunction(() => document.getElementById("out") !== null, null, WAIT)
  await appendJson(authBase, FEED, [{ n: 5 }], { bearer: admin })
  await waitForShown(1)
  assert.deepEqual(await shown(), [5], "after the reload only what is new, nothing replayed")
  assert.equal(new URL(reads[0]).searchParams.get("offset"), tail, "the first read after the reload starts at the saved offset")
  await shot(page, "auth-snippet.png")
  assert.deepEqual(errors, [])
  await context.close()
})
