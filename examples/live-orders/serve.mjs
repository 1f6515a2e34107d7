// Serves the live orders page: this directory's .html, .js and .css files (the page and the
// packages' modules under node_modules/) on 127.0.0.1, nothing else.
// Usage: node serve.mjs [port]   (default 8080; 0 picks a free one)
import { createServer } from "node:http"
import { readFile } from "node:fs/promises"
import { extname, join, normalize } from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL(".", import.meta.url))
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
}

const server = createServer(async (req, res) => {
  let file
  try {
    const path = decodeURIComponent(new URL(req.url, "http://localhost").pathname)
    file = normalize(join(root, path === "/" ? "index.html" : path))
  } catch {
    res.writeHead(400, { "Content-Type": "text/plain" }).end("bad path\n")
    return
  }
  if (!file.startsWith(root) || !Object.hasOwn(types, extname(file))) {
    res.writeHead(404, { "Content-Type": "text/plain" }).end("not found\n")
    return
  }
  try {
    const body = await readFile(file)
    res.writeHead(200, { "Content-Type": types[extname(file)], "Cache-Control": "no-cache" }).end(body)
  } catch {
    res.writeHead(404, { "Content-Type": "text/plain" }).end("not found\n")
  }
})

server.listen(Number(process.argv[2] ?? 8080), "127.0.0.1", () => {
  console.log(`live orders: http://127.0.0.1:${server.address().port}/`)
})
