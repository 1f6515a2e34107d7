// Browser tests of the console page, run by BrowserPagesIT against a real quickstart stack
// (Kafka, Connect with the DSK plugin, the gateway). Records are produced to Kafka through the IT's
// produce hook, so every message the page shows came through the connector.
//
// Environment: DSK_URL (gateway base URL), DSK_PRODUCE_URL (hook), DSK_SCREENSHOTS (directory),
// DSK_CHROMIUM (browser executable).
import { test, before, after } from "node:test"
import assert from "node:assert/strict"
import { mkdirSync } from "node:fs"
import { join } from "node:path"
import { chromium } from "playwright-core"

const base = process.env.DSK_URL
const produceUrl = process.env.DSK_PRODUCE_URL
const screenshots = process.env.DSK_SCREENSHOTS ?? "target/browser-screenshots"
const WAIT = { timeout: 60_000 }
let browser

before(async () => {
  mkdirSync(screenshots, { recursive: true })
  browser = await chromium.launch({
    executablePath: process.env.DSK_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  })
})

after(async () => {
  await browser?.close()
})

async function produce(records) {
  const res = await fetch(produceUrl, { method: "POST", body: JSON.stringify(records) })
  assert.equal(res.status, 204, `produce hook answered ${res.status}`)
}

function tokens(conversation, from, to, finishAt) {
  const records = []
  for (let i = from; i < to; i++) {
    const value = { conversation, index: i, token: `t${i} ` }
    if (i === finishAt) value.finish_reason = "stop"
    records.push({ topic: "ai.tokens", key: conversation, value })
  }
  return records
}

async function openStream(path) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.goto(`${base}/#/stream/${path}`)
  return page
}

const shownMessages = (page) =>
  page.$$eval("#messages li.message pre", (items) => items.map((pre) => JSON.parse(pre.dataset.raw)))

async function waitForMessages(page, count) {
  await page.waitForFunction((n) => document.querySelectorAll("#messages li:not(.note)").length >= n, count, WAIT)
}

test("the page tails a stream the connector feeds from Kafka", async () => {
  await produce(tokens("it-tail", 0, 3))
  const page = await openStream("chat/it-tail")
  await waitForMessages(page, 3)
  await produce(tokens("it-tail", 3, 6))
  await waitForMessages(page, 6)
  const indexes = (await shownMessages(page)).map((m) => m.index)
  assert.deepEqual(indexes, [0, 1, 2, 3, 4, 5])
  assert.match(await page.textContent("#stream-offset"), /^\d{16}_\d{16}$/)
  await page.waitForFunction(() => {
    const labels = [...document.querySelectorAll("#messages .kafka")].map((k) => k.textContent)
    return labels.length === 6 && labels.every((l) => /^ai\.tokens · p\d+ · @\d+$/.test(l))
  }, null, WAIT)
  const offsets = await page.$$eval("#messages .kafka", (k) => k.map((e) => Number(e.textContent.split("@")[1])))
  assert.deepEqual(offsets.map((o) => o - offsets[0]), [0, 1, 2, 3, 4, 5], "consecutive Kafka offsets of the records shown")
  await page.screenshot({ path: join(screenshots, "tail.png") })
  await page.close()
})

test("a reload mid-stream resumes right after the last message shown, and closure shows", async () => {
  await produce(tokens("it-reload", 0, 5))
  const page = await openStream("chat/it-reload")
  await waitForMessages(page, 5)
  const offsetBeforeReload = await page.textContent("#stream-offset")
  await page.reload()
  await page.waitForSelector("#messages li.note", WAIT)
  assert.equal(await page.textContent("#messages li.note"), `resumed at offset ${offsetBeforeReload}`)
  await produce(tokens("it-reload", 5, 10, 9))
  await page.waitForFunction(() => document.querySelector("#stream-state").textContent === "closed", null, WAIT)
  const indexes = (await shownMessages(page)).map((m) => m.index)
  assert.deepEqual(indexes, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], "no duplicate and no gap across the reload")
  await page.screenshot({ path: join(screenshots, "reload-resume-closed.png") })
  await page.close()
})

test("a closed stream shows as closed", async () => {
  const job = "it-job"
  const steps = [0, 50, 100].map((percent) => ({
    topic: "jobs.progress", key: job,
    value: { job, percent, status: percent === 100 ? "succeeded" : "running" },
  }))
  await produce(steps)
  const page = await openStream(`jobs/${job}`)
  await page.waitForFunction(() => document.querySelector("#stream-state").textContent === "closed", null, WAIT)
  const shown = await shownMessages(page)
  assert.deepEqual(shown.map((m) => m.percent), [0, 50, 100])
  assert.equal(shown.at(-1).status, "succeeded")
  await page.screenshot({ path: join(screenshots, "closed-job.png") })
  await page.close()
})

test("a State Protocol stream shows the right rows after updates and deletes", async () => {
  const now = Date.now()
  const row = (id, name, visits) => ({ id, name, email: `${name.toLowerCase()}@example.com`, visits })
  const change = (op, id, before, after) => ({
    topic: "dbserver.inventory.customers", key: { id },
    value: { op, before, after, ts_ms: now, source: { table: "customers", ts_ms: now } },
  })
  await produce([
    change("c", 101, null, row(101, "Ada", 1)),
    change("c", 102, null, row(102, "Grace", 1)),
    change("c", 103, null, row(103, "Alan", 1)),
    change("u", 102, row(102, "Grace", 1), row(102, "Grace", 7)),
    change("d", 103, row(103, "Alan", 1), null),
    { topic: "dbserver.inventory.customers", key: { id: 103 }, value: null },
  ])
  const page = await openStream("db/inventory/customers")
  await page.waitForFunction(() => {
    const keys = [...document.querySelectorAll("#state-table tbody tr")].map((tr) => tr.dataset.key)
    return keys.join(",") === "101,102"
  }, null, WAIT)
  const visits = await page.$$eval("#state-table tbody tr", (rows) => {
    const header = [...document.querySelectorAll("#state-table thead th")].map((th) => th.textContent)
    const col = header.indexOf("visits")
    return rows.map((tr) => tr.children[col].textContent)
  })
  assert.deepEqual(visits, ["1", "7"], "the update of 102 is applied")
  await page.screenshot({ path: join(screenshots, "state-table.png") })
  await page.close()
})
