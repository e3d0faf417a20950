/**
 * What the sign-in and sign-up benchmarks' identity processes share: a fresh data directory,
 * HTTPS on a free port, SQLite, silent logs, the production argon2id cost, mail sent to the relay
 * the benchmark started (BENCH_SMTP_URL), in its own process as in production. The data directory
 * is removed when the benchmark stops the process (SIGTERM).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadIdentityConfig } from "@sesame/identity/config";
import { startIdentity } from "@sesame/identity/main";

export async function startBenchIdentity(name: string, env: Record<string, string> = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `sesame-bench-${name}-`));
  const config = loadIdentityConfig({
    SESAME_DATA_DIR: dataDir,
    SESAME_IDENTITY_PORT: "0",
    SESAME_SMTP_SINK_PORT: "0",
    SESAME_LOG_LEVEL: "silent",
    ...env,
    ...(process.env.BENCH_SMTP_URL ? { SMTP_URL: process.env.BENCH_SMTP_URL } : {}),
  });
  const identity = await startIdentity(config);
  const argon2 = {
    memoryKib: config.SESAME_ARGON2_MEMORY_KIB,
    timeCost: config.SESAME_ARGON2_TIME_COST,
    parallelism: config.SESAME_ARGON2_PARALLELISM,
  };
  process.on("SIGTERM", async () => {
    await identity.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
  return { identity, config, argon2 };
}
