import { ConfigError } from "@sesame/kit/config/load-config";
import type { Kysely } from "kysely";
import type { IdentityDB } from "../storage/schema";
import { decryptKey } from "./key-encryption";
import { createSigningKey } from "./signing-keys";

/**
 * Run at start, before serving: every signing key still in use must decrypt with this instance's
 * key-encryption key. Instances on one database with different keys would otherwise start and fail
 * later (refresh answering 500, anti-robot proofs refused across instances); refusing at start
 * names the one setting to share. On an empty database the first key is created here, so the next
 * instance has something to check against.
 */
export async function checkSharedKeyEncryptionKey(db: Kysely<IdentityDB>, kek: Buffer): Promise<void> {
  const inUse = () =>
    db.selectFrom("signing_key").select(["kid", "private_key"]).where("retired_at", "is", null).execute();
  let rows = await inUse();
  if (rows.length === 0) {
    await createSigningKey(db, kek);
    rows = await inUse();
  }
  try {
    for (const row of rows) decryptKey(kek, row.private_key, row.kid);
  } catch {
    throw new ConfigError([
      "SESAME_KEY_ENCRYPTION_KEY: this instance's key cannot decrypt the signing keys stored in the database; give every instance of this database the same SESAME_KEY_ENCRYPTION_KEY",
    ]);
  }
}
