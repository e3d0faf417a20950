/**
 * Child process of the sign-in benchmark: identity on HTTPS (SQLite, fresh data directory, the
 * production argon2id cost) with personal accounts whose passwords are hashed at that cost.
 * Prints one JSON line with what the load generator needs.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { newAccountRow } from "@sesame/identity/accounts/new-account";
import { newPersonalObjectId } from "@sesame/identity/accounts/object-id";
import { hashPassword } from "@sesame/identity/accounts/password-hash";
import { CONSUMER_TENANT_ID, loadIdentityConfig } from "@sesame/identity/config";
import { startIdentity } from "@sesame/identity/main";

const count = Number(process.argv[2] ?? 8);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-bench-signin-"));
const config = loadIdentityConfig({
  SESAME_DATA_DIR: dataDir,
  SESAME_IDENTITY_PORT: "0",
  SESAME_SMTP_SINK_PORT: "0",
  SESAME_LOG_LEVEL: "silent",
  // The mail relay, in its own process as in production (signin-bench.ts starts it).
  ...(process.env.BENCH_SMTP_URL ? { SMTP_URL: process.env.BENCH_SMTP_URL } : {}),
});
const identity = await startIdentity(config);
const argon2 = {
  memoryKib: config.SESAME_ARGON2_MEMORY_KIB,
  timeCost: config.SESAME_ARGON2_TIME_COST,
  parallelism: config.SESAME_ARGON2_PARALLELISM,
};
const accounts = [];
for (let i = 0; i < count; i++) {
  const email = `bench.${i}@example.com`;
  const password = `Banc-Essai-${i}-Tournesol`;
  const row = newAccountRow({
    id: newPersonalObjectId(),
    tenantId: CONSUMER_TENANT_ID,
    kind: "personal",
    email,
    passwordHash: await hashPassword(password, argon2),
    displayName: `Bench ${i}`,
    country: "FR",
    emailVerifiedAt: Date.now(),
  });
  await identity.ctx.db.insertInto("account").values(row).execute();
  accounts.push({ email, password });
}
process.stdout.write(`${JSON.stringify({ url: identity.url, ca: identity.ca, accounts, argon2 })}\n`);
process.on("SIGTERM", async () => {
  await identity.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
});
