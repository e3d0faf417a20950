/**
 * Runs node's test runner on every *.test.ts below the given folders (default: packages, e2e, bench and scripts).
 * Node 20 has no glob for --test, so the files are listed here.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ["packages", "e2e", "bench", "scripts"];

function testFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : testFiles(full);
    return entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

/** Test runs create one PostgreSQL database per store; drop those that earlier runs left. */
async function dropOldTestDatabases(): Promise<void> {
  const url = process.env.SESAME_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(
      "select datname from pg_database where datname like 'sesame_t_%'",
    );
    // Only stores older than three hours: a test run going on beside this one keeps its own.
    const cutoff = Date.now() / 1000 - 3 * 60 * 60;
    for (const { datname } of rows) {
      const created = Number(/^sesame_t_(\d+)_/.exec(datname)?.[1] ?? 0);
      if (created < cutoff) await client.query(`drop database if exists "${datname}" with (force)`);
    }
  } catch {
    // No PostgreSQL here: the storage tests say so themselves (and fail when CI=true).
  } finally {
    await client.end().catch(() => {});
  }
}

await dropOldTestDatabases();
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
