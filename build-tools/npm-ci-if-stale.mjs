// Runs `npm ci` in the given directory only when its node_modules is missing or was installed from
// another package-lock.json, so that repeated builds do not reinstall. The lock file's hash is
// stamped after a good install.  Usage: node npm-ci-if-stale.mjs <directory>
import { createHash } from "node:crypto"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { execFileSync } from "node:child_process"
import { join, resolve } from "node:path"

const dir = resolve(process.argv[2] ?? ".")
const lock = readFileSync(join(dir, "package-lock.json"))
const hash = createHash("sha256").update(lock).digest("hex")
const stamp = join(dir, "node_modules", ".dsk-lock-sha256")

if (existsSync(stamp) && readFileSync(stamp, "utf8").trim() === hash) {
    console.log(`${dir}: node_modules is up to date`)
} else {
    console.log(`${dir}: npm ci`)
    const npm = process.platform === "win32" ? "npm.cmd" : "npm"
    execFileSync(npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, stdio: "inherit" })
    writeFileSync(stamp, hash + "\n")
}
