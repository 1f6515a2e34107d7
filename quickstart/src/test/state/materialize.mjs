// Reads a State Protocol stream to its current end with the official @durable-streams/state
// package and prints what it materialises, as one JSON object on standard output:
//
//   {"streamDb": {"<type>": {"<key>": row, ...}, ...}, "materializedState": {...same shape...}}
//
// "streamDb" comes from createStreamDB (TanStack DB collections, one per type), "materializedState"
// from MaterializedState fed with the same change events. StreamDB stamps the primary key field
// and a `_seq` onto each row, and TanStack DB adds virtual properties ($key, $synced, $origin,
// $collectionId); all are removed again so the rows are the change messages' values. Every row must
// be synced from the stream (not an optimistic local change) and filed under its own key.
//
// Usage: node materialize.mjs <stream URL> <type>[,<type>...]
import { MaterializedState, createStateSchema } from "@durable-streams/state"
import { createStreamDB } from "@durable-streams/state/db"

const KEY_FIELD = "__dsk_key"
const [url, typeList] = process.argv.slice(2)
if (!url || !typeList) {
    console.error("usage: node materialize.mjs <stream URL> <type>[,<type>...]")
    process.exit(2)
}
const types = typeList.split(",")

// A Standard Schema validator that accepts every object: the test compares the values themselves.
const anyObject = {
    "~standard": {
        version: 1,
        vendor: "dsk-test",
        validate: (value) => (typeof value === "object" && value !== null
            ? { value }
            : { issues: [{ message: "not an object" }] }),
    },
}

const schema = createStateSchema(Object.fromEntries(
    types.map((type) => [type, { schema: anyObject, type, primaryKey: KEY_FIELD }])))
const materialized = new MaterializedState()
const db = createStreamDB({
    streamOptions: { url, contentType: "application/json" },
    live: false,
    state: schema,
    onEvent: (event) => materialized.apply(event),
})

try {
    await db.preload()
    const streamDb = {}
    const materializedState = {}
    for (const type of types) {
        streamDb[type] = {}
        for (const row of db.collections[type].toArray) {
            const { [KEY_FIELD]: key, _seq, $key, $synced, $origin, $collectionId, ...value } = row
            if ($key !== key || $synced !== true || $origin !== "remote") {
                throw new Error(`${type} row ${key} is not a synced remote row: ` +
                    JSON.stringify({ $key, $synced, $origin }))
            }
            streamDb[type][key] = value
        }
        materializedState[type] = Object.fromEntries(materialized.getType(type))
    }
    process.stdout.write(JSON.stringify({ streamDb, materializedState }) + "\n")
} finally {
    db.close()
}
