import { createHash, createHmac, randomBytes, randomUUID } from "node:crypto";
import { preparedPerDatabase, rowOfParams } from "@sesame/kit/db/prepared-query";
import type { Kysely, Selectable, Transaction } from "kysely";
import type { RefreshTokenTable } from "../storage/grant-tables";
import type { IdentityDB } from "../storage/schema";

type Db = Kysely<IdentityDB>;
export type RefreshToken = Selectable<RefreshTokenTable>;
export const REFRESH_TOKEN_MS = 90 * 24 * 60 * 60 * 1000;
/** A single-page app's refresh token: 24 hours from the sign-in's code, not extended by rotation. */
export const SPA_REFRESH_TOKEN_MS = 24 * 60 * 60 * 1000;

export const hashToken = (token: string): string => createHash("sha256").update(token).digest("base64url");

export type NewRefreshToken = Omit<
  RefreshToken,
  "token_hash" | "family_id" | "created_at" | "expires_at" | "rotated_at" | "revoked_at" | "spa"
> & { spa?: number };

export const newRefreshTokenValue = (): string => `1.${randomBytes(48).toString("base64url")}`;
export const newFamilyId = (): string => randomUUID();

/**
 * The successor of a refresh token, derived from its value with a server key. Only hashes are
 * stored, so this is how a retry with the same previous token can be given the same successor
 * again (its value converges on the client), without keeping any token value at rest.
 */
export function successorOf(key: Buffer, previous: string): string {
  return `1.${createHmac("sha512", key).update(previous).digest().subarray(0, 48).toString("base64url")}`;
}

// Written at every code redemption and refresh: compiled once per database (prepared-query.ts).
const insertRefreshToken = preparedPerDatabase<IdentityDB, RefreshToken, never>((db, param) =>
  db.insertInto("refresh_token").values(
    rowOfParams(param, {
      token_hash: true,
      family_id: true,
      client_id: true,
      account_id: true,
      tenant_id: true,
      session_id: true,
      scope: true,
      resource_app_id: true,
      resource_requested: true,
      api_version: true,
      auth_time: true,
      public_client: true,
      spa: true,
      created_at: true,
      expires_at: true,
      rotated_at: true,
      revoked_at: true,
    }),
  ),
);

/**
 * Stores a refresh token of a family (a new family at code redemption, the same one at rotation),
 * in `within`, a transaction of `db`, when given. `expiresAt`: a rotated single-page app token keeps
 * its family's end.
 */
export async function storeRefreshToken(
  db: Db,
  row: NewRefreshToken,
  token: { value: string; familyId: string; expiresAt?: number },
  within?: Transaction<IdentityDB>,
): Promise<void> {
  const now = Date.now();
  const values = {
    ...row,
    spa: row.spa ?? 0,
    token_hash: hashToken(token.value),
    family_id: token.familyId,
    created_at: now,
    expires_at: token.expiresAt ?? now + (row.spa === 1 ? SPA_REFRESH_TOKEN_MS : REFRESH_TOKEN_MS),
    rotated_at: null,
    revoked_at: null,
  };
  await insertRefreshToken(db, values, within);
}

/** A stored refresh token and when its account's password last changed (null: no such account). */
export type PresentedRefreshToken = RefreshToken & { readonly password_changed_at: number | null };

// Read at every redemption: compiled once (prepared-query.ts), and the account's password change
// date comes with it instead of from a second read of the account.
const refreshTokenByHash = preparedPerDatabase<IdentityDB, { hash: string }, PresentedRefreshToken>(
  (db, param) =>
    db
      .selectFrom("refresh_token as t")
      .leftJoin("account as a", "a.id", "t.account_id")
      .selectAll("t")
      .select("a.password_changed_at")
      .where("t.token_hash", "=", param("hash")),
);

export async function findRefreshToken(db: Db, token: string): Promise<PresentedRefreshToken | undefined> {
  const [row] = (await refreshTokenByHash(db, { hash: hashToken(token) })).rows;
  return row;
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
