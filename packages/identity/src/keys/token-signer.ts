import { webcrypto } from "node:crypto";
import { type JWTPayload, SignJWT } from "jose";
import type { Kysely } from "kysely";
import type { IdentityDB } from "../storage/schema";
import { decryptKey } from "./key-encryption";
import { createSigningKey } from "./signing-keys";

/** How often an instance checks whether another one (or `sesame keys rotate`) changed the signing key. */
const CHECK_EVERY_MS = 5_000;

interface CurrentKey {
  readonly kid: string;
  readonly key: CryptoKey;
}

/**
 * Signs tokens with the current key, kept decrypted in memory. The database is asked at most every
 * few seconds for the newest key's kid (one indexed row), so a rotation reaches every instance quickly
 * without costing the token endpoint a query per request.
 */
export class TokenSigner {
  private current: CurrentKey | undefined;
  private checkedAt = 0;
  private pending: Promise<CurrentKey> | undefined;

  constructor(
    private readonly db: Kysely<IdentityDB>,
    private readonly kek: Buffer,
  ) {}

  async sign(payload: JWTPayload, options: { x5t?: boolean } = {}): Promise<string> {
    const { kid, key } = await this.key();
    return new SignJWT(payload)
      .setProtectedHeader({ typ: "JWT", alg: "RS256", ...(options.x5t ? { x5t: kid } : {}), kid })
      .sign(key);
  }

  /** Makes sure a signing key exists (the first start creates it), so the JWKS is never empty. */
  async ready(): Promise<void> {
    await this.key();
  }

  /** Forces the next signature to look for a newer key (used right after a local rotation). */
  invalidate(): void {
    this.checkedAt = 0;
  }

  private async key(): Promise<CurrentKey> {
    if (this.current && Date.now() - this.checkedAt < CHECK_EVERY_MS) return this.current;
    this.pending ??= this.refresh().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async refresh(): Promise<CurrentKey> {
    let newest = await this.newestKid();
    if (!newest) {
      await createSigningKey(this.db, this.kek);
      newest = await this.newestKid();
    }
    if (!newest) throw new Error("no signing key could be created");
    if (this.current?.kid !== newest) {
      const row = await this.db
        .selectFrom("signing_key")
        .select(["private_key"])
        .where("kid", "=", newest)
        .executeTakeFirstOrThrow();
      const pkcs8 = decryptKey(this.kek, row.private_key, newest);
      const key = await webcrypto.subtle.importKey(
        "pkcs8",
        pkcs8,
        { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
        false,
        ["sign"],
      );
      this.current = { kid: newest, key: key as CryptoKey };
    }
    this.checkedAt = Date.now();
    return this.current as CurrentKey;
  }

  private async newestKid(): Promise<string | undefined> {
    const row = await this.db
      .selectFrom("signing_key")
      .select("kid")
      .where("retired_at", "is", null)
      .orderBy("created_at", "desc")
      .limit(1)
      .executeTakeFirst();
    return row?.kid;
  }
}
