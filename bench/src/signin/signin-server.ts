/**
 * Child process of the sign-in benchmark: identity as identity-bench-server.ts starts it, with
 * personal accounts whose passwords are hashed at the production cost.
 * Prints one JSON line with what the load generator needs.
 */
import path from "node:path";
import { newAccountRow } from "@sesame/identity/accounts/new-account";
import { newPersonalObjectId } from "@sesame/identity/accounts/object-id";
import { hashPassword } from "@sesame/identity/accounts/password-hash";
import { CONSUMER_TENANT_ID } from "@sesame/identity/config";
import { startBenchIdentity } from "../identity-bench-server";

const count = Number(process.argv[2] ?? 8);
const { identity, argon2 } = await startBenchIdentity("signin");
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
process.stdout.write(
  `${JSON.stringify({ url: identity.url, ca: identity.ca, tlsDir: path.dirname(identity.caFile), accounts, argon2 })}\n`,
);
