import { ConfigError } from "@sesame/kit/config/load-config";
import type { Kysely } from "kysely";
import type { IdentityDB } from "../storage/schema";
import { decryptKey } from "./key-encryption";
import { createSigningKey } from "./signing-keys";

/**
 * Run at start, before serving: the newest stored signing key must decrypt with this instance's
 * key-encryption key. Instances on one database with different keys would otherwise start and fail
 * later (refresh answering 500, anti-robot proofs refused across instances); refusing at start
 * names the one setting to share. On an empty database the first key is created here, so the next
 * instance has something to check against.
 */
export async function checkSharedKeyEncryptionKey(db: Kysely<IdentityDB>, kek: Buffer): Promise<void> {
  const newest = () =>
    db
      .selectFrom("signing_key")
      .select(["kid", "private_key"])
      .orderBy("created_at", "desc")
      .limit(1)
      .executeTakeFirst();
  let row = await newest();
  if (!row) {
    await createSigningKey(db, kek);
    row = await newest();
  }
  if (!row) return;
  try {
    decryptKey(kek, row.private_key, row.kid);
  } catch {
    throw new ConfigError([
      "SESAME_KEY_ENCRYPTION_KEY: this instance's key cannot decrypt the signing keys stored in the database; give every instance of this database the same SESAME_KEY_ENCRYPTION_KEY",
    ]);
  }
}
