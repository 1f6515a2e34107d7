// Runs `npm ci` only when node_modules is missing or was installed from another package-lock.json,
// so that repeated builds do not reinstall. The lock file's hash is stamped after a good install.
import { createHash } from "node:crypto"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { execFileSync } from "node:child_process"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const here = dirname(fileURLToPath(import.meta.url))
const lock = readFileSync(join(here, "package-lock.json"))
const hash = createHash("sha256").update(lock).digest("hex")
const stamp = join(here, "node_modules", ".dsk-lock-sha256")

if (existsSync(stamp) && readFileSync(stamp, "utf8").trim() === hash) {
    console.log("conformance suite: node_modules is up to date")
} else {
    console.log("conformance suite: npm ci")
    const npm = process.platform === "win32" ? "npm.cmd" : "npm"
    execFileSync(npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: here, stdio: "inherit" })
    writeFileSync(stamp, hash + "\n")
}
