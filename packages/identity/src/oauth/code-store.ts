import { randomBytes } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import { redirectUris } from "../apps/app-queries";
import { matchRedirectUri } from "../apps/redirect-uri-rules";
import type { IdentityDB } from "../storage/schema";
import type { AuthorizationCodeTable } from "./grant-tables";
import { hashToken } from "./refresh-tokens";

type Db = Kysely<IdentityDB>;
export type AuthorizationCode = Selectable<AuthorizationCodeTable>;
export type NewCode = Omit<AuthorizationCode, "code_hash" | "expires_at" | "redeemed_at" | "family_id">;

/** `lifetimeMs`: SESAME_AUTH_CODE_TTL_SECONDS (60 s by default; Entra's codes live up to 10 minutes). */
export async function issueCode(db: Db, row: NewCode, lifetimeMs: number): Promise<string> {
  const code = `1.${randomBytes(32).toString("base64url")}`;
  await db
    .insertInto("authorization_code")
    .values({
      ...row,
      code_hash: hashToken(code),
      expires_at: Date.now() + lifetimeMs,
      redeemed_at: null,
      family_id: null,
    })
    .execute();
  return code;
}

export function findCode(db: Db, code: string): Promise<AuthorizationCode | undefined> {
  return db
    .selectFrom("authorization_code")
    .selectAll()
    .where("code_hash", "=", hashToken(code))
    .executeTakeFirst();
}

/** Atomic: exactly one of two concurrent redemptions gets true. */
export async function markCodeRedeemed(db: Db, codeHash: string): Promise<boolean> {
  const result = await db
    .updateTable("authorization_code")
    .set({ redeemed_at: Date.now() })
    .where("code_hash", "=", codeHash)
    .where("redeemed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function recordCodeFamily(db: Db, codeHash: string, familyId: string): Promise<void> {
  await db
    .updateTable("authorization_code")
    .set({ family_id: familyId })
    .where("code_hash", "=", codeHash)
    .execute();
}

/** The kind of registration the code's redirect URI matched (a loopback one whatever its port). */
export async function codeRedirectKind(db: Db, applicationId: string, uri: string) {
  return matchRedirectUri(await redirectUris(db, applicationId), uri)?.kind;
}
