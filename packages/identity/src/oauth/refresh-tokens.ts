import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { IdentityDB } from "../storage/schema";
import type { RefreshTokenTable } from "./grant-tables";

type Db = Kysely<IdentityDB>;
export type RefreshToken = Selectable<RefreshTokenTable>;
export const REFRESH_TOKEN_MS = 90 * 24 * 60 * 60 * 1000;

export const hashToken = (token: string): string => createHash("sha256").update(token).digest("base64url");

export type NewRefreshToken = Omit<
  RefreshToken,
  "token_hash" | "family_id" | "created_at" | "expires_at" | "rotated_at" | "revoked_at"
>;

/** Issues a refresh token; `familyId` continues a family (rotation), otherwise a new family starts. */
export async function issueRefreshToken(
  db: Db,
  row: NewRefreshToken,
  familyId?: string,
): Promise<{ token: string; familyId: string }> {
  const token = `1.${randomBytes(48).toString("base64url")}`;
  const family = familyId ?? randomUUID();
  const now = Date.now();
  await db
    .insertInto("refresh_token")
    .values({
      ...row,
      token_hash: hashToken(token),
      family_id: family,
      created_at: now,
      expires_at: now + REFRESH_TOKEN_MS,
      rotated_at: null,
      revoked_at: null,
    })
    .execute();
  return { token, familyId: family };
}

export function findRefreshToken(db: Db, token: string): Promise<RefreshToken | undefined> {
  return db
    .selectFrom("refresh_token")
    .selectAll()
    .where("token_hash", "=", hashToken(token))
    .executeTakeFirst();
}

/** Marks a token used; false when another request rotated it first (a race is a reuse). */
export async function markRotated(db: Db, tokenHash: string): Promise<boolean> {
  const result = await db
    .updateTable("refresh_token")
    .set({ rotated_at: Date.now() })
    .where("token_hash", "=", tokenHash)
    .where("rotated_at", "is", null)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function revokeFamily(db: Db, familyId: string): Promise<void> {
  await db
    .updateTable("refresh_token")
    .set({ revoked_at: Date.now() })
    .where("family_id", "=", familyId)
    .where("revoked_at", "is", null)
    .execute();
}

/** After a password reset: every refresh token of the account ends (used by the sign-in feature). */
export async function revokeAccountRefreshTokens(db: Db, accountId: string): Promise<void> {
  await db
    .updateTable("refresh_token")
    .set({ revoked_at: Date.now() })
    .where("account_id", "=", accountId)
    .where("revoked_at", "is", null)
    .execute();
}
