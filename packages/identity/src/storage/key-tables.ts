import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

/**
 * Token-signing keys. The newest row without `retired_at` signs; retired rows stay published in the
 * JWKS until `published_until` (after the last token they signed has expired).
 */
export interface SigningKeyTable {
  kid: string;
  /** Public JWK (JSON): kty, n, e. */
  public_jwk: string;
  /** Self-signed certificate, standard base64 DER (the JWKS x5c). */
  certificate: string;
  /** PKCS#8 private key, AES-256-GCM encrypted with the key-encryption key (see key-encryption.ts). */
  private_key: string;
  created_at: number;
  retired_at: number | null;
  published_until: number | null;
}

export interface KeyTables {
  signing_key: SigningKeyTable;
}

export async function createKeyTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("signing_key")
    .addColumn("kid", "text", (c) => c.primaryKey())
    .addColumn("public_jwk", "text", (c) => c.notNull())
    .addColumn("certificate", "text", (c) => c.notNull())
    .addColumn("private_key", "text", (c) => c.notNull())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addColumn("retired_at", TIME)
    .addColumn("published_until", TIME)
    .execute();
}
