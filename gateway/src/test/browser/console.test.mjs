// Browser tests of the console page served by the gateway at /, in Debian's Chromium.
import { test, before, after } from "node:test"
import assert from "node:assert/strict"
import {
  ADMIN, WAIT, appendJson, authBase, base, close, createJson, launch, request, shot, token,
} from "./gateway.mjs"

let browser
const problems = []

before(async () => {
  browser = await launch()
})

after(async () => {
  await browser?.close()
})

/** A new page with clipboard access that records page errors and failed requests. */
async function newPage(url, { width = 1280, height = 800 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } })
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(url).origin })
  const page = await context.newPage()
  page.failed = []
  page.on("pageerror", (err) => problems.push(`${url}: ${err.message}`))
  page.on("response", (res) => { if (res.status() >= 400) page.failed.push(`${res.status()} ${res.url()}`) })
  await page.goto(url)
  return page
}

const messageCount = (page) => page.$$eval("#messages li.message", (li) => li.length)
const waitForMessages = (page, n) =>
  page.waitForFunction((n) => document.querySelectorAll("#messages li.message").length >= n, n, WAIT)
const shownItems = (page) =>
  page.$$eval("#messages li.message pre", (pres) => pres.map((p) => JSON.parse(p.dataset.raw)))
const listed = (page) => page.$$eval("#stream-list li", (li) => li.map((l) => l.dataset.path))
const waitForText = (page, selector, text) =>
  page.waitForFunction(([s, t]) => document.querySelector(s)?.textContent.includes(t), [selector, text], WAIT)
const sourceRange = (topic, partition, first, last) =>
  ({ headers: { "DSK-Source-Range": `${topic}/${partition}/${first}/${last}` } })

async function search(page, prefix) {
  await page.fill("#filter", prefix)
  await page.waitForFunction((p) => {
    const items = [...document.querySelectorAll("#stream-list li")]
    return items.length > 0 && items.every((li) => li.dataset.path.startsWith(p))
  }, prefix, WAIT)
}

test("the list pages through every stream, sorted naturally, and searches by prefix", async () => {
  const names = Array.from({ length: 1050 }, (_, i) => `many/c-${i}`)
  for (let i = 0; i < names.length; i += 50) {
    await Promise.all(names.slice(i, i + 50).map((p) => createJson(base, p)))
  }
  const page = await newPage(`${base}/`)
  await search(page, "many/")
  await page.waitForFunction(() => document.querySelectorAll("#stream-list li").length === 1050, null, WAIT)
  const all = await listed(page)
  assert.deepEqual(all.slice(0, 12), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((i) => `many/c-${i}`))
  assert.equal(all.at(-1), "many/c-1049")
  assert.match(await page.textContent("#list-status"), /^1050 streams$/)

  await page.fill("#filter", "many/c-10")
  await page.waitForFunction(() => document.querySelectorAll("#stream-list li").length === 61, null, WAIT)
  const tens = await listed(page)
  assert.deepEqual(tens.slice(0, 4), ["many/c-10", "many/c-100", "many/c-101", "many/c-102"])
  assert.deepEqual(tens.slice(-2), ["many/c-1048", "many/c-1049"])
  await shot(page, "list-search.png")
  await page.context().close()
})

test("the entry under the pointer stays where it is while streams are added", async () => {
  await createJson(base, "hold/b-5")
  await createJson(base, "hold/b-7")
  const page = await newPage(`${base}/`)
  await search(page, "hold/")
  await page.waitForFunction(() => document.querySelectorAll("#stream-list li").length === 2, null, WAIT)
  const target = page.locator('#stream-list li[data-path="hold/b-7"]')
  await target.hover()
  const before = await target.boundingBox()
  await createJson(base, "hold/b-1")
  await page.evaluate(() => window.dskConsole.refreshList())
  assert.deepEqual(await listed(page), ["hold/b-5", "hold/b-7"], "nothing moves under the pointer")
  assert.deepEqual(await target.boundingBox(), before)
  await page.mouse.move(900, 700)
  await page.waitForFunction(() => document.querySelectorAll("#stream-list li").length === 3, null, WAIT)
  assert.deepEqual(await listed(page), ["hold/b-1", "hold/b-5", "hold/b-7"])
  await page.context().close()
})

test("each message shows its Kafka topic, partition and offset, a time, the count and the size", async () => {
  const path = "orders/eu"
  await createJson(base, path)
  const batch1 = [{ order: 40, total: 12.5 }, { order: 41, total: 3 }, { order: 42, total: 7.25 }]
  const batch2 = [{ order: 43, total: 1 }, { order: 44, total: 99 }]
  const other = [{ order: "p1-7", total: 5 }]
  const sparse = [{ order: 50, total: 2 }, { order: 60, total: 4 }]
  const farApart = [[{ order: "p2-100", total: 8 }], [{ order: "p2-500", total: 9 }]]
  await appendJson(base, path, batch1, sourceRange("orders", 0, 40, 42))
  await appendJson(base, path, batch2, sourceRange("orders", 0, 43, 44))
  await appendJson(base, path, other, sourceRange("orders", 1, 7, 7))
  await appendJson(base, path, farApart[0], sourceRange("orders", 2, 100, 100))
  await appendJson(base, path, sparse, sourceRange("orders", 0, 50, 60)) // after a gap of 5 offsets
  await appendJson(base, path, farApart[1], sourceRange("orders", 2, 500, 500))
  const all = [...batch1, ...batch2, ...other, ...farApart[0], ...sparse, ...farApart[1]]
  const bytes = all.reduce((n, m) => n + Buffer.byteLength(JSON.stringify(m)) + 1, 0)

  const page = await newPage(`${base}/#/stream/${path}`)
  await waitForMessages(page, all.length)
  const expected = [
    "orders · p0 · @40", "orders · p0 · @41", "orders · p0 · @42", "orders · p0 · @43", "orders · p0 · @44",
    "orders · p1 · @7", "orders · p2 · @100", "orders · p0 · @50", "orders · p0 · @60", "orders · p2 · @500",
  ]
  const labels = () => page.$$eval("#messages .kafka", (k) => k.map((e) => e.textContent))
  await page.waitForFunction((expected) => JSON.stringify(
    [...document.querySelectorAll("#messages .kafka")].map((e) => e.textContent)) === JSON.stringify(expected),
  expected, WAIT).catch(async (err) => assert.fail(`${err.message}; labels: ${await labels()}`))
  assert.deepEqual(await labels(), expected)
  assert.deepEqual(await shownItems(page), all)
  assert.equal(await page.textContent("#stream-count"), String(all.length))
  assert.equal(await page.textContent("#stream-size"), `${bytes} B`)
  const times = await page.$$eval("#messages time", (t) => t.map((e) => e.textContent))
  assert.ok(times.every((t) => /^\d\d:\d\d:\d\d\.\d{3}$/.test(t)), `times: ${times}`)
  assert.match(await page.textContent("#stream-state"), /^live$/)
  await shot(page, "kafka-offsets.png")
  await page.context().close()
})

test("every message of a stream fed by a partition shared with other streams shows its exact Kafka offset", async () => {
  // ai.tokens/0 is keyed by conversation: conv-a takes one record in twelve, the others the rest.
  const path = "ai/conv-a"
  const others = "ai/conv-others"
  await createJson(base, path)
  await createJson(base, others)
  const message = (offset) => ({ conversation: "a", offset })
  const appends = [[0], [12], [24], [36, 48], [60, 61, 62], [84]]
  let previous = -1
  for (const offsets of appends) {
    if (offsets[0] > previous + 1) {
      await appendJson(base, others, [{ conversation: "others" }], sourceRange("ai.tokens", 0, previous + 1, offsets[0] - 1))
    }
    await appendJson(base, path, offsets.map(message), sourceRange("ai.tokens", 0, offsets[0], offsets.at(-1)))
    previous = offsets.at(-1)
  }
  const offsets = appends.flat()

  const page = await newPage(`${base}/#/stream/${path}`)
  await waitForMessages(page, offsets.length)
  const expected = offsets.map((o) => `ai.tokens · p0 · @${o}`)
  const labels = () => page.$$eval("#messages .kafka", (k) => k.map((e) => e.textContent))
  await page.waitForFunction((expected) => JSON.stringify(
    [...document.querySelectorAll("#messages .kafka")].map((e) => e.textContent)) === JSON.stringify(expected),
  expected, WAIT).catch(async (err) => assert.fail(`${err.message}; labels: ${await labels()}`))
  assert.deepEqual((await shownItems(page)).map((m) => m.offset), offsets)
  assert.deepEqual(await page.$$eval("#messages .kafka", (k) => k.map((e) => Number(e.dataset.offset))), offsets)
  await shot(page, "kafka-offsets-shared-partition.png")
  await page.context().close()
})

test("the Kafka offsets of a stream of more appends than one page of the listing are all shown", async () => {
  const path = "paged/appends"
  await createJson(base, path)
  const count = 1005 // the listing answers at most 1000 appends a page
  for (let i = 0; i < count; i++) {
    await appendJson(base, path, [{ i }], sourceRange("paged", 0, 3 * i, 3 * i))
  }
  const page = await newPage(`${base}/#/stream/${path}`)
  await waitForMessages(page, count)
  await page.waitForFunction((n) => [...document.querySelectorAll("#messages .kafka")]
    .filter((e) => /^paged · p0 · @\d+$/.test(e.textContent)).length === n, count, WAIT)
  const offsets = await page.$$eval("#messages .kafka", (k) => k.map((e) => Number(e.dataset.offset)))
  assert.deepEqual(offsets, Array.from({ length: count }, (_, i) => 3 * i))
  await page.context().close()
})

test("messages are pretty-printed JSON that copies as sent", async () => {
  const path = "pretty/one"
  const message = { id: 7, customer: { name: "Ada", tags: ["a", "b"] } }
  await createJson(base, path)
  await appendJson(base, path, [message])
  const page = await newPage(`${base}/#/stream/${path}`)
  await waitForMessages(page, 1)
  assert.equal(await page.textContent("#messages pre"), JSON.stringify(message, null, 2))
  await page.click("#messages .copy")
  await waitForText(page, "#messages .copy", "Copied")
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), JSON.stringify(message))
  await page.context().close()
})

test("pause stops reading and resume continues without a gap or a duplicate", async () => {
  const path = "pause/one"
  await createJson(base, path)
  await appendJson(base, path, [{ n: 1 }])
  const page = await newPage(`${base}/#/stream/${path}`)
  await waitForMessages(page, 1)
  await page.click("#pause")
  assert.equal(await page.textContent("#stream-state"), "paused")
  assert.equal(await page.textContent("#pause"), "Resume")
  await appendJson(base, path, [{ n: 2 }, { n: 3 }])
  assert.equal(await messageCount(page), 1)
  await page.click("#pause")
  await waitForMessages(page, 3)
  assert.deepEqual((await shownItems(page)).map((m) => m.n), [1, 2, 3])
  assert.equal(await page.textContent("#pause"), "Pause")
  await page.context().close()
})

test("jump goes to a Kafka offset or to a stream offset", async () => {
  const path = "jump/orders"
  await createJson(base, path)
  await appendJson(base, path, [{ k: 0 }, { k: 1 }], sourceRange("jumps", 0, 0, 1))
  const second = await appendJson(base, path, [{ k: 2 }, { k: 3 }], sourceRange("jumps", 0, 2, 3))
  await appendJson(base, path, [{ k: 4 }], sourceRange("jumps", 0, 4, 4))
  const page = await newPage(`${base}/#/stream/${path}`)
  await waitForMessages(page, 5)

  await page.fill("#jump", "jumps/0/3")
  await page.press("#jump", "Enter")
  await waitForText(page, "#messages li.note", "jumped to offset")
  await page.waitForFunction(() => document.querySelectorAll("#messages li.message").length === 3, null, WAIT)
  assert.deepEqual((await shownItems(page)).map((m) => m.k), [2, 3, 4], "from the append holding offset 3")

  await page.fill("#jump", second.headers.get("stream-next-offset"))
  await page.press("#jump", "Enter")
  await page.waitForFunction(() => document.querySelectorAll("#messages li.message").length === 1, null, WAIT)
  assert.deepEqual((await shownItems(page)).map((m) => m.k), [4])

  await page.fill("#jump", "jumps/0/99")
  await page.press("#jump", "Enter")
  await waitForText(page, "#error", "never written")
  await page.context().close()
})

test("a stream with retention shows its earliest retained offset and a read from before it goes on from there", async () => {
  // The gateway keeps at most 40 bytes of retained/** (ConsolePageIT): five messages of 8 bytes.
  const path = "retained/progress"
  await createJson(base, path)
  for (let n = 0; n < 10; n++) await appendJson(base, path, [{ n }])
  const earliest = `${"0".repeat(16)}_${"40".padStart(16, "0")}`
  for (let tries = 0; ; tries++) {
    const head = await request(base, "HEAD", path)
    if (head.headers.get("dsk-earliest-offset") === earliest) break
    assert.ok(tries < 300, `earliest offset still ${head.headers.get("dsk-earliest-offset")}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }

  const page = await newPage(`${base}/#/stream/${path}`)
  await waitForMessages(page, 5)
  assert.deepEqual((await shownItems(page)).map((m) => m.n), [5, 6, 7, 8, 9])
  await waitForText(page, "#stream-earliest", earliest)
  assert.match(await page.textContent("#stream-earliest"), /dropped by retention/)

  await page.fill("#jump", `${"0".repeat(16)}_${"0".repeat(16)}`)
  await page.press("#jump", "Enter")
  await page.waitForFunction(() => [...document.querySelectorAll("#messages li.note")]
    .some((li) => li.textContent.includes("were dropped by retention")), null, WAIT)
  await page.waitForFunction(() => document.querySelectorAll("#messages li.message").length === 5, null, WAIT)
  assert.deepEqual((await shownItems(page)).map((m) => m.n), [5, 6, 7, 8, 9])
  await shot(page, "retention.png")
  await page.context().close()
})

test("an AI token stream shows its assembled text, live and then closed", async () => {
  const path = "chat/ai-1"
  await createJson(base, path)
  const tokens = ["Durable", " streams", " resume", " where", " they", " left", " off."]
  await appendJson(base, path, tokens.slice(0, 3).map((t, i) => ({ conversation: "ai-1", index: i, token: t })))
  const page = await newPage(`${base}/#/stream/${path}`)
  await waitForText(page, "#assembled-text", "Durable streams resume")
  await waitForText(page, "#stream-state", "live")
  await appendJson(base, path, tokens.slice(3).map((t, i) => ({
    conversation: "ai-1", index: i + 3, token: t, ...(i === 3 ? { finish_reason: "stop" } : {}),
  })))
  await close(base, path)
  await waitForText(page, "#stream-state", "closed")
  assert.equal(await page.textContent("#assembled-text"), tokens.join(""))
  assert.equal(await page.textContent("#assembled-state"), "finished")
  await shot(page, "ai-tokens-closed.png")
  await page.context().close()
})

test("an error stands out", async () => {
  const page = await newPage(`${base}/#/stream/missing/stream`)
  await page.waitForSelector("#error:not([hidden])", WAIT)
  assert.match(await page.textContent("#error"), /404/)
  assert.equal(await page.textContent("#stream-state"), "error")
  const colour = await page.$eval("#error", (e) => getComputedStyle(e).backgroundColor)
  assert.equal(colour, "rgb(254, 226, 226)")
  await shot(page, "error.png")
  await page.context().close()
})

test("the page loads without a failed request, favicon included", async () => {
  const page = await newPage(`${base}/`)
  await page.waitForFunction(() => document.querySelector("#list-status").textContent !== "", null, WAIT)
  const favicon = await page.evaluate(async () => (await fetch("/favicon.ico")).status)
  assert.equal(favicon, 200)
  const icon = await page.evaluate(async () => (await fetch(document.querySelector("link[rel=icon]").href)).status)
  assert.equal(icon, 200)
  assert.deepEqual(page.failed, [])
  await page.context().close()
})

test("the narrow layout fits a phone screen", async () => {
  const page = await newPage(`${base}/#/stream/orders/eu`, { width: 390, height: 844 })
  await waitForMessages(page, 1)
  await waitForText(page, "#messages .kafka", "orders · p0 · @40")
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
  assert.ok(fits, "no horizontal scrolling")
  const nav = await page.locator("nav").boundingBox()
  const viewer = await page.locator("#viewer").boundingBox()
  assert.ok(viewer.y >= nav.y + nav.height - 1, "the stream list stands above the stream")
  assert.ok(viewer.width > 350, "the stream uses the width of the screen")
  await shot(page, "narrow.png")
  await page.context().close()
})

test("with auth on, a missing token is a clear 401 and a token field opens", async () => {
  const admin = token(ADMIN)
  await createJson(authBase, "secure/feed", { bearer: admin })
  await appendJson(authBase, "secure/feed", [{ a: 1 }, { a: 2 }], { bearer: admin, ...sourceRange("secure", 0, 10, 11) })
  const page = await newPage(`${authBase}/#/stream/secure/feed`)
  await page.waitForSelector("#error:not([hidden])", WAIT)
  assert.match(await page.textContent("#error"), /401 Unauthorized.*Token field/)
  assert.ok(await page.isVisible("#token"), "the token field is shown")
  await shot(page, "auth-401.png")

  await page.fill("#token", admin)
  await page.press("#token", "Enter")
  await waitForMessages(page, 2)
  await page.waitForFunction(() => document.querySelector("#messages .kafka").textContent === "secure · p0 · @10", null, WAIT)
  assert.ok(await page.isHidden("#error"))
  await page.waitForFunction(() => document.querySelectorAll("#stream-list li").length > 0, null, WAIT)
  assert.ok((await listed(page)).includes("secure/feed"))
  await page.reload()
  await page.waitForSelector("#messages li.note", WAIT)
  assert.equal(await page.inputValue("#token"), admin, "the token lasts for the tab")
  await page.context().close()
})

test("a read-only token tails the stream; the listing and the Kafka offsets say why they are missing", async () => {
  const admin = token(ADMIN)
  await createJson(authBase, "secure/ro", { bearer: admin })
  await appendJson(authBase, "secure/ro", [{ a: 1 }, { a: 2 }], { bearer: admin, ...sourceRange("secure", 0, 10, 11) })
  const readOnly = token({ read: ["secure/**"] })
  const page = await newPage(`${authBase}/`)
  await page.waitForSelector("#token", { state: "visible", ...WAIT }) // the listing's 401 opens it
  await page.fill("#token", readOnly)
  await page.press("#token", "Enter")
  await waitForText(page, "#list-status", "403")
  await page.fill("#filter", "secure/ro")
  await page.press("#filter", "Enter")
  await waitForMessages(page, 2)
  assert.deepEqual(await shownItems(page), [{ a: 1 }, { a: 2 }])
  const lookup = await fetch(`${authBase}/v1/stream/__ds/source-offsets?path=secure/ro`,
    { headers: { Authorization: `Bearer ${readOnly}` } })
  if (lookup.status === 403) {
    await waitForText(page, "#kafka-note", "403")
  } else {
    await waitForText(page, "#messages .kafka", "secure · p0 · @10")
  }
  assert.ok(await page.isHidden("#error"), "a missing grant for an extension is no error of the stream")
  await shot(page, "auth-read-only.png")
  await page.context().close()
})

test("no page threw", () => {
  assert.deepEqual(problems, [])
})
