import type { Kysely } from "kysely";
import type { IdentityDB } from "../storage/schema";
import type { LockoutState } from "./lockout-rules";

type Db = Kysely<IdentityDB>;

export async function readLockout(
  db: Db,
  subject: string,
  source: string,
): Promise<LockoutState | undefined> {
  const row = await db
    .selectFrom("signin_lockout")
    .selectAll()
    .where("subject", "=", subject)
    .where("source", "=", source)
    .executeTakeFirst();
  return row
    ? {
        failures: Number(row.failures),
        lockouts: Number(row.lockouts),
        lockedUntil: Number(row.locked_until),
        lastFailureAt: Number(row.last_failure_at),
      }
    : undefined;
}

export async function saveLockout(
  db: Db,
  subject: string,
  source: string,
  state: LockoutState,
): Promise<void> {
  const values = {
    failures: state.failures,
    lockouts: state.lockouts,
    locked_until: state.lockedUntil,
    last_failure_at: state.lastFailureAt,
  };
  await db
    .insertInto("signin_lockout")
    .values({ subject, source, ...values })
    .onConflict((oc) => oc.columns(["subject", "source"]).doUpdateSet(values))
    .execute();
}

export async function clearLockout(db: Db, subject: string, source: string): Promise<void> {
  await db.deleteFrom("signin_lockout").where("subject", "=", subject).where("source", "=", source).execute();
}
