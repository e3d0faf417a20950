/**
 * Child process of the sign-up benchmark: identity on HTTPS (SQLite, fresh data directory, the
 * production argon2id cost), sending its mail to the relay the benchmark started (BENCH_SMTP_URL).
 * The proof of work is at the configuration's minimum difficulty: the server's work (one key
 * derivation to issue a challenge, one to verify it, the replay record) does not depend on it,
 * while the client's solving at the production default (50,000) costs the load process more CPU
 * than the argon2id hash itself and would measure altcha-lib rather than identity.
 * Prints one JSON line with what the load generator needs.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadIdentityConfig } from "@sesame/identity/config";
import { startIdentity } from "@sesame/identity/main";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-bench-signup-"));
const config = loadIdentityConfig({
  SESAME_DATA_DIR: dataDir,
  SESAME_IDENTITY_PORT: "0",
  SESAME_SMTP_SINK_PORT: "0",
  SESAME_LOG_LEVEL: "silent",
  SESAME_ALTCHA_MAX_NUMBER: "1000",
  ...(process.env.BENCH_SMTP_URL ? { SMTP_URL: process.env.BENCH_SMTP_URL } : {}),
});
const identity = await startIdentity(config);
const argon2 = {
  memoryKib: config.SESAME_ARGON2_MEMORY_KIB,
  timeCost: config.SESAME_ARGON2_TIME_COST,
  parallelism: config.SESAME_ARGON2_PARALLELISM,
};
process.stdout.write(
  `${JSON.stringify({ url: identity.url, ca: identity.ca, argon2, altchaMaxNumber: config.SESAME_ALTCHA_MAX_NUMBER })}\n`,
);
process.on("SIGTERM", async () => {
  await identity.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
});
