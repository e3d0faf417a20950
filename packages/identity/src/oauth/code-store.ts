import { randomBytes } from "node:crypto";
import type { GroupedTransaction } from "@sesame/kit/db/commit-group";
import { preparedPerDatabase, rowOfParams } from "@sesame/kit/db/prepared-query";
import type { Kysely, Selectable, Transaction } from "kysely";
import { redirectUris } from "../apps/app-queries";
import { matchRedirectUri } from "../apps/redirect-uri-rules";
import type { AuthorizationCodeTable } from "../storage/grant-tables";
import type { IdentityDB } from "../storage/schema";
import { hashToken } from "./refresh-tokens";

type Db = Kysely<IdentityDB>;
export type AuthorizationCode = Selectable<AuthorizationCodeTable>;
export type NewCode = Omit<AuthorizationCode, "code_hash" | "expires_at" | "redeemed_at" | "family_id">;

// Written, read and claimed once per code flow: compiled once per database (prepared-query.ts).
const insertCode = preparedPerDatabase<IdentityDB, AuthorizationCode, never>((db, param) =>
  db.insertInto("authorization_code").values(
    rowOfParams(param, {
      code_hash: true,
      client_id: true,
      redirect_uri: true,
      code_challenge: true,
      nonce: true,
      scope: true,
      resource_app_id: true,
      resource_requested: true,
      api_version: true,
      account_id: true,
      tenant_id: true,
      session_id: true,
      auth_time: true,
      expires_at: true,
      redeemed_at: true,
      family_id: true,
    }),
  ),
);

/**
 * `lifetimeMs`: SESAME_AUTH_CODE_TTL_SECONDS (60 s by default; Entra's codes live up to 10 minutes).
 * Stored through `grouped`: on SQLite the codes of one turn of the event loop share a commit.
 */
export async function issueCode(
  db: Db,
  grouped: GroupedTransaction<IdentityDB>,
  row: NewCode,
  lifetimeMs: number,
): Promise<string> {
  const code = `1.${randomBytes(32).toString("base64url")}`;
  const values = {
    ...row,
    code_hash: hashToken(code),
    expires_at: Date.now() + lifetimeMs,
    redeemed_at: null,
    family_id: null,
  };
  await grouped((trx) => insertCode(db, values, trx));
  return code;
}

// Read at every redemption: compiled once (prepared-query.ts).
const codeByHash = preparedPerDatabase<IdentityDB, { hash: string }, AuthorizationCode>((db, param) =>
  db.selectFrom("authorization_code").selectAll().where("code_hash", "=", param("hash")),
);

export async function findCode(db: Db, code: string): Promise<AuthorizationCode | undefined> {
  const [row] = (await codeByHash(db, { hash: hashToken(code) })).rows;
  return row;
}

const claim = preparedPerDatabase<IdentityDB, { now: number; familyId: string; codeHash: string }, never>(
  (db, param) =>
    db
      .updateTable("authorization_code")
      .set({ redeemed_at: param("now"), family_id: param("familyId") })
      .where("code_hash", "=", param("codeHash"))
      .where("redeemed_at", "is", null),
);

/**
 * Consumes a code (in `within`, a transaction of `db`): one conditional update, so exactly one of
 * concurrent redemptions gets true. The family its refresh token will belong to is recorded by the
 * same update, so any later replay knows what to revoke even before the winner's tokens are out.
 */
export async function claimCode(
  db: Db,
  claimed: { codeHash: string; familyId: string },
  within: Transaction<IdentityDB>,
): Promise<boolean> {
  const result = await claim(db, { now: Date.now(), ...claimed }, within);
  return Number(result.numAffectedRows) === 1;
}

/** A replayed code: every refresh token its redemption issued (and their successors) ends. */
export async function revokeCodeFamily(db: Db, codeHash: string): Promise<void> {
  await db
    .updateTable("refresh_token")
    .set({ revoked_at: Date.now() })
    .where("revoked_at", "is", null)
    .where("family_id", "in", (eb) =>
      eb
        .selectFrom("authorization_code")
        .select("family_id")
        .where("code_hash", "=", codeHash)
        .where("family_id", "is not", null)
        .$narrowType<{ family_id: string }>(),
    )
    .execute();
}

/** The kind of registration the code's redirect URI matched (a loopback one whatever its port). */
export async function codeRedirectKind(db: Db, applicationId: string, uri: string) {
  return matchRedirectUri(await redirectUris(db, applicationId), uri)?.kind;
}
