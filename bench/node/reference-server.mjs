// Starts the Node reference Durable Streams server, file-backed, for side-by-side benchmarks.
// Usage: node reference-server.mjs <port> <dataDir>|--in-memory [longPollTimeoutMs]
// With --in-memory instead of a data directory the server keeps its streams in memory.
import { DurableStreamTestServer } from "@durable-streams/server";

const [port, dataDir, longPollTimeout] = process.argv.slice(2);
const server = new DurableStreamTestServer({
  host: "127.0.0.1",
  port: Number(port),
  dataDir: dataDir === "--in-memory" ? undefined : dataDir,
  longPollTimeout: Number(longPollTimeout ?? 30000),
});
await server.start();
console.log(`reference server listening on http://127.0.0.1:${port}`);
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
