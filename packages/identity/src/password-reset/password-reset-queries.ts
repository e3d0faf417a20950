import { createHash, randomBytes } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { PasswordResetTable } from "../storage/password-reset-table";
import type { IdentityDB } from "../storage/schema";

type Db = Kysely<IdentityDB>;
export type ResetAttempt = Selectable<PasswordResetTable>;

/** An abandoned attempt is gone after an hour. */
export const RESET_TTL_MS = 60 * 60 * 1000;

const idOf = (token: string) => createHash("sha256").update(token).digest("base64url");

export async function startResetAttempt(
  db: Db,
  input: { email: string; accountId: string | null },
): Promise<{ token: string; attempt: ResetAttempt }> {
  const token = randomBytes(32).toString("base64url");
  const now = Date.now();
  const attempt: ResetAttempt = {
    id: idOf(token),
    email: input.email,
    account_id: input.accountId,
    created_at: now,
    expires_at: now + RESET_TTL_MS,
    code_sent_at: now,
    failed_attempts: 0,
    verified_at: null,
    completed_at: null,
  };
  await db.deleteFrom("password_reset").where("expires_at", "<", now).execute();
  await db.insertInto("password_reset").values(attempt).execute();
  return { token, attempt };
}

/** The live attempt of this browser, if any. */
export async function findResetAttempt(db: Db, token: string | undefined): Promise<ResetAttempt | undefined> {
  if (!token) return undefined;
  const row = await db
    .selectFrom("password_reset")
    .selectAll()
    .where("id", "=", idOf(token))
    .where("expires_at", ">", Date.now())
    .where("completed_at", "is", null)
    .executeTakeFirst();
  return row
    ? {
        ...row,
        created_at: Number(row.created_at),
        expires_at: Number(row.expires_at),
        code_sent_at: Number(row.code_sent_at),
        failed_attempts: Number(row.failed_attempts),
        verified_at: row.verified_at === null ? null : Number(row.verified_at),
      }
    : undefined;
}

export async function markCodeSent(db: Db, id: string): Promise<void> {
  await db
    .updateTable("password_reset")
    .set({ code_sent_at: Date.now(), failed_attempts: 0 })
    .where("id", "=", id)
    .execute();
}

export async function countWrongCode(db: Db, id: string): Promise<void> {
  await db
    .updateTable("password_reset")
    .set((eb) => ({ failed_attempts: eb("failed_attempts", "+", 1) }))
    .where("id", "=", id)
    .execute();
}

export async function markVerified(db: Db, id: string): Promise<void> {
  await db.updateTable("password_reset").set({ verified_at: Date.now() }).where("id", "=", id).execute();
}

/** Single use: only the request that completes the attempt may change the password. */
export async function completeAttempt(db: Db, id: string): Promise<boolean> {
  const result = await db
    .updateTable("password_reset")
    .set({ completed_at: Date.now() })
    .where("id", "=", id)
    .where("completed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
