import type { Kysely } from "kysely";
import { newAccountRow } from "../accounts/new-account";
import { newPersonalObjectId } from "../accounts/object-id";
import { hashPassword } from "../accounts/password-hash";
import { CONSUMER_TENANT_ID } from "../config";
import type { IdentityDB } from "../storage/schema";

/**
 * A verified personal account made directly in storage, for tests that are about something other
 * than sign-up. The hash is a real argon2id, at a low cost to keep tests quick.
 */
export async function addPersonalAccount(
  db: Kysely<IdentityDB>,
  input: { email: string; password: string; displayName?: string },
): Promise<string> {
  const row = newAccountRow({
    id: newPersonalObjectId(),
    tenantId: CONSUMER_TENANT_ID,
    kind: "personal",
    email: input.email,
    passwordHash: await hashPassword(input.password, { memoryKib: 1024, timeCost: 1, parallelism: 1 }),
    displayName: input.displayName ?? input.email.split("@")[0] ?? input.email,
    country: "FR",
    emailVerifiedAt: Date.now(),
  });
  await db.insertInto("account").values(row).execute();
  return row.id;
}
