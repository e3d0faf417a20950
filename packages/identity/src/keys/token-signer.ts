import { createPrivateKey, type KeyObject, sign } from "node:crypto";
import type { Kysely } from "kysely";
import type { IdentityDB } from "../storage/schema";
import { decryptKey } from "./key-encryption";
import { createSigningKey } from "./signing-keys";

/** How often an instance checks whether another one (or `sesame keys rotate`) changed the signing key. */
const CHECK_EVERY_MS = 5_000;

interface CurrentKey {
  readonly kid: string;
  readonly key: KeyObject;
  /** base64url JSON headers, computed once per key: plain, and with x5t (v1 tokens). */
  readonly header: string;
  readonly headerX5t: string;
}

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");

/** RS256 through node:crypto's asynchronous sign, which runs on libuv's thread pool (bench: the hot path). */
function rs256(key: KeyObject, input: string): Promise<string> {
  return new Promise((resolve, reject) =>
    sign("sha256", Buffer.from(input), key, (error, signature) =>
      error ? reject(error) : resolve(signature.toString("base64url")),
    ),
  );
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

  /** A compact JWS (RFC 7515) with header {typ, alg: RS256, [x5t], kid}, as Entra signs tokens. */
  async sign(payload: object, options: { x5t?: boolean } = {}): Promise<string> {
    const current = await this.key();
    const input = `${options.x5t ? current.headerX5t : current.header}.${b64url(payload)}`;
    return `${input}.${await rs256(current.key, input)}`;
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
      const key = createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" });
      this.current = {
        kid: newest,
        key,
        header: b64url({ typ: "JWT", alg: "RS256", kid: newest }),
        headerX5t: b64url({ typ: "JWT", alg: "RS256", x5t: newest, kid: newest }),
      };
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
