import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { IdentityDB } from "../storage/schema";
import { nextStep, type SignupState, signupStateSchema } from "./signup-state";

type Db = Kysely<IdentityDB>;

export interface SignupAttempt {
  readonly id: string;
  readonly state: SignupState;
  readonly submissions: number;
}

export type LoadedAttempt =
  | { kind: "active"; attempt: SignupAttempt }
  | { kind: "expired" }
  | { kind: "none" };

export const attemptId = (token: string): string => createHash("sha256").update(token).digest("base64url");
export const newAttemptToken = (): string => randomBytes(32).toString("base64url");

export async function loadAttempt(db: Db, token: string | undefined): Promise<LoadedAttempt> {
  if (!token) return { kind: "none" };
  const row = await db
    .selectFrom("signup_attempt")
    .selectAll()
    .where("id", "=", attemptId(token))
    .executeTakeFirst();
  if (!row) return { kind: "expired" };
  if (row.expires_at <= Date.now()) {
    await deleteAttempt(db, row.id);
    return { kind: "expired" };
  }
  const parsed = signupStateSchema.safeParse(JSON.parse(row.state));
  if (!parsed.success) return { kind: "expired" };
  return { kind: "active", attempt: { id: row.id, state: parsed.data, submissions: row.submissions } };
}

export async function createAttempt(
  db: Db,
  token: string,
  state: SignupState,
  ttlMs: number,
): Promise<string> {
  const now = Date.now();
  const id = attemptId(token);
  await db
    .insertInto("signup_attempt")
    .values({
      id,
      step: nextStep(state),
      state: JSON.stringify(state),
      submissions: 1,
      created_at: now,
      updated_at: now,
      expires_at: now + ttlMs,
    })
    .execute();
  return id;
}

/** Saves a new state; the expiry stays where it was (an attempt lives one hour from its start). */
export async function saveAttempt(db: Db, id: string, state: SignupState): Promise<void> {
  await db
    .updateTable("signup_attempt")
    .set((eb) => ({
      step: nextStep(state),
      state: JSON.stringify(state),
      submissions: eb("submissions", "+", 1),
      updated_at: Date.now(),
    }))
    .where("id", "=", id)
    .execute();
}

export async function countSubmission(db: Db, id: string): Promise<void> {
  await db
    .updateTable("signup_attempt")
    .set((eb) => ({ submissions: eb("submissions", "+", 1) }))
    .where("id", "=", id)
    .execute();
}

export async function deleteAttempt(db: Db, id: string): Promise<void> {
  await db.deleteFrom("signup_attempt").where("id", "=", id).execute();
}
