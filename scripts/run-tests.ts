/**
 * Runs node's test runner on every *.test.ts below the given folders (default: packages and e2e).
 * Node 20 has no glob for --test, so the files are listed here.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ["packages", "e2e", "bench"];

function testFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : testFiles(full);
    return entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

const files = roots.flatMap(testFiles).sort();
if (files.length === 0) {
  process.stderr.write("no test files found\n");
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=2", "--test-timeout=300000", ...files],
  { stdio: "inherit", env: { ...process.env, SESAME_LOG_LEVEL: process.env.SESAME_LOG_LEVEL ?? "silent" } },
);
process.exit(result.status ?? 1);
