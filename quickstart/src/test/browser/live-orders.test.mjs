// Tests of the live orders example (examples/live-orders) and of the Node programs of
// docs/clients.md, run by BrowserPagesIT against a real quickstart stack whose Connect worker
// runs the example's connector.json (topic `orders` to the State Protocol stream shop/orders).
// Orders reach Kafka through the IT's produce hook; the page is served by the example's serve.mjs
// and opened in Debian's Chromium. The tests run in order: the second reads what the first produced.
//
// Environment: DSK_URL (gateway base URL), DSK_PRODUCE_URL (hook), DSK_EXAMPLE_DIR, DSK_CLIENTS_DOC
// (docs/clients.md), DSK_SCREENSHOTS (directory), DSK_CHROMIUM (browser executable).
import { test, before, after } from "node:test"
import assert from "node:assert/strict"
import { spawn } from "node:child_process"
import { once } from "node:events"
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { createInterface } from "node:readline"
import { chromium } from "playwright-core"

const base = process.env.DSK_URL
const produceUrl = process.env.DSK_PRODUCE_URL
const exampleDir = process.env.DSK_EXAMPLE_DIR ?? "../../../../examples/live-orders"
const clientsDoc = process.env.DSK_CLIENTS_DOC ?? "../../../../docs/clients.md"
const screenshots = process.env.DSK_SCREENSHOTS ?? "target/browser-screenshots"
const streamUrl = `${base}/v1/stream/shop/orders`
const WAIT = { timeout: 30_000 }
let browser
let server
let pageUrl

/** Starts a Node program; `lines` yields its standard output line by line. */
function start(args, cwd) {
  const child = spawn("node", args, { cwd, stdio: ["ignore", "pipe", "pipe"] })
  let stderr = ""
  child.stderr.on("data", (d) => { stderr += d })
  child.lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  child.stderrText = () => stderr
  return child
}

/** The next line of a program's output, or a failure naming what it printed on standard error. */
async function nextLine(child, what) {
  let timer
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no output line within ${WAIT.timeout} ms; ` +
      `stderr: ${child.stderrText()}`)), WAIT.timeout)
  })
  try {
    const { value, done } = await Promise.race([child.lines.next(), timeout])
    assert.ok(!done, `${what} ended; stderr: ${child.stderrText()}`)
    return value
  } finally {
    clearTimeout(timer)
  }
}

before(async () => {
  mkdirSync(screenshots, { recursive: true })
  server = start(["serve.mjs", "0"], exampleDir)
  pageUrl = /http:\/\/127\.0\.0\.1:\d+\//.exec(await nextLine(server, "serve.mjs"))[0]
  browser = await chromium.launch({
    executablePath: process.env.DSK_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  })
})

after(async () => {
  await browser?.close()
  server?.kill()
})

async function produce(records) {
  const res = await fetch(produceUrl, { method: "POST", body: JSON.stringify(records) })
  assert.equal(res.status, 204, `produce hook answered ${res.status}`)
}

const order = (id, customer, item, total, status) =>
  ({ topic: "orders", key: id, value: { customer, item, total, status } })
const removal = (id) => ({ topic: "orders", key: id, value: null })

/** The rows the page shows, as {order: status}. */
const shownRows = (page) => page.$$eval("#orders tbody tr", (rows) =>
  Object.fromEntries(rows.map((tr) => [tr.dataset.key, tr.querySelector("td.status").textContent])))

async function waitForRows(page, expected) {
  try {
    await page.waitForFunction((want) => {
      const rows = [...document.querySelectorAll("#orders tbody tr")]
        .map((tr) => [tr.dataset.key, tr.querySelector("td.status").textContent])
      return JSON.stringify(Object.fromEntries(rows)) === want
    }, JSON.stringify(expected), WAIT)
  } catch (e) {
    const status = await page.textContent("#status")
    assert.fail(`${page.url()}: expected rows ${JSON.stringify(expected)}, shown ${JSON.stringify(await shownRows(page))}, ` +
      `status "${status}" (${e.message.split("\n")[0]})`)
  }
}

test("the page shows the orders from Kafka and follows their changes live, over SSE and long-poll", async () => {
  await produce([
    order("o-1001", "Ada", "scooter", 42.5, "placed"),
    order("o-1002", "Grace", "car battery", 8.1, "placed"),
    order("o-1002", "Grace", "car battery", 8.1, "paid"),
  ])
  const errors = []
  const pages = []
  for (const live of ["sse", "long-poll"]) {
    const page = await browser.newPage({ viewport: { width: 1000, height: 500 } })
    page.on("pageerror", (err) => errors.push(`${live}: ${err.message}`))
    await page.goto(`${pageUrl}?gateway=${encodeURIComponent(base)}&live=${live}`)
    pages.push(page)
  }
  for (const page of pages) {
    await waitForRows(page, { "o-1001": "placed", "o-1002": "paid" })
  }

  // Produced after the pages loaded: a new order, a change and a deletion (a tombstone).
  await produce([
    order("o-1003", "Alan", "drill bits", 0.8, "placed"),
    order("o-1001", "Ada", "scooter", 42.5, "shipped"),
    removal("o-1002"),
  ])
  for (const page of pages) {
    await waitForRows(page, { "o-1001": "shipped", "o-1003": "placed" })
    assert.match(await page.textContent("#status"), /^live · 2 orders · offset \d{16}_\d{16}$/)
    assert.deepEqual(await page.$$eval("#orders tbody tr[data-key='o-1001'] td", (tds) => tds.map((td) => td.textContent)),
      ["o-1001", "Ada", "scooter", "42.50", "shipped"])
  }
  await pages[0].screenshot({ path: join(screenshots, "live-orders.png") })
  assert.deepEqual(errors, [], "no script errors in the pages")
  for (const page of pages) await page.close()
})

/** Every message of the stream and the offset after them, by one plain catch-up read. */
async function readStream() {
  const res = await fetch(`${streamUrl}?offset=-1`)
  assert.equal(res.status, 200, `reading ${streamUrl}`)
  return { messages: await res.json(), next: res.headers.get("stream-next-offset") }
}

/** The js blocks of docs/clients.md that are whole programs, by the file name their first line gives. */
function programsFromDoc() {
  const programs = {}
  for (const [, body] of readFileSync(clientsDoc, "utf8").matchAll(/```js\n([\s\S]*?)\n```/g)) {
    const name = /^\/\/ (\w+\.mjs):/.exec(body)?.[1]
    if (name) programs[name] = body + "\n"
  }
  assert.deepEqual(Object.keys(programs).sort(), ["rows.mjs", "tail.mjs"], "the programs of docs/clients.md")
  return programs
}

test("the Node programs of docs/clients.md read the orders, and tail.mjs resumes from its saved offset", async () => {
  // The programs, beside the example's node_modules (@durable-streams/client and /state).
  const dir = mkdtempSync(join(tmpdir(), "dsk-clients-doc-"))
  symlinkSync(resolve(exampleDir, "node_modules"), join(dir, "node_modules"), "dir")
  for (const [name, source] of Object.entries(programsFromDoc())) writeFileSync(join(dir, name), source)
  const offsetFile = join(dir, "orders.offset")

  // The first run prints what the stream holds (the changes the first test produced), then waits live.
  const held = await readStream()
  assert.ok(held.messages.length > 0, "the stream holds the first test's orders")
  const first = start(["tail.mjs", streamUrl, offsetFile], dir)
  const printed = []
  try {
    while (printed.length < held.messages.length) printed.push(JSON.parse(await nextLine(first, "tail.mjs, first run")))
    // The offset is saved just after a batch is printed; wait until it reaches the end read above
    // (offsets sort as strings).
    const deadline = Date.now() + WAIT.timeout
    while ((await readFile(offsetFile, "utf8").catch(() => "")) < held.next) {
      assert.equal(first.exitCode, null, `tail.mjs exited; stderr: ${first.stderrText()}`)
      assert.ok(Date.now() < deadline, `tail.mjs did not save the offset ${held.next}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  } finally {
    first.kill()
  }
  assert.deepEqual(printed, held.messages, "tail.mjs prints the stream's messages, in order")

  // Run again after one more order: it starts right after what it printed, with the new order.
  await produce([order("o-1004", "Barbara", "hammer", 12, "placed")])
  const second = start(["tail.mjs", streamUrl, offsetFile], dir)
  try {
    const resumed = JSON.parse(await nextLine(second, "tail.mjs, second run"))
    assert.equal(resumed.key, "o-1004", "the second run goes on after the saved offset, not from the start")
  } finally {
    second.kill()
  }

  // rows.mjs prints the table as it is now and exits.
  const rows = start(["rows.mjs", streamUrl, "order"], dir)
  const table = JSON.parse(await nextLine(rows, "rows.mjs"))
  const code = rows.exitCode ?? (await once(rows, "exit"))[0]
  assert.equal(code, 0, `rows.mjs exit status; stderr: ${rows.stderrText()}`)
  const rowsNow = {}
  for (const m of (await readStream()).messages) {
    if (m.headers.operation === "delete") delete rowsNow[m.key]
    else rowsNow[m.key] = m.value
  }
  assert.deepEqual(table, rowsNow, "rows.mjs prints the rows the stream's changes leave")
  assert.deepEqual(table["o-1004"], { customer: "Barbara", item: "hammer", total: 12, status: "placed" })
})
