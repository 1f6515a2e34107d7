// Bundles the console with the pinned @durable-streams/client.  Usage: node build.mjs <outfile>
import { build } from "esbuild"

await build({
  entryPoints: ["src/console.js"],
  bundle: true,
  format: "esm",
  target: "es2020",
  minify: true,
  sourcemap: true,
  logLevel: "warning",
  outfile: process.argv[2] ?? "dist/console.js",
})
