import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { tightenIfPresent } from "@sesame/kit/files/private-files";
import type { IdentityConfig } from "../config";

/**
 * The key-encryption key: SESAME_KEY_ENCRYPTION_KEY when set, otherwise 32 random bytes created once
 * in $SESAME_DATA_DIR/keys.secret (mode 0600). Several instances on one database must share it.
 */
export function keyEncryptionKey(config: IdentityConfig): Buffer {
  if (config.SESAME_KEY_ENCRYPTION_KEY) return Buffer.from(config.SESAME_KEY_ENCRYPTION_KEY, "base64");
  const file = path.join(config.SESAME_DATA_DIR, "keys.secret");
  fs.mkdirSync(config.SESAME_DATA_DIR, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  tightenIfPresent(file);
  const key = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
  if (key.length !== 32) throw new Error(`${file} does not hold 32 bytes in base64`);
  return key;
}

/**
 * A 32-byte key for one purpose, derived (HKDF-SHA256) from the key-encryption key: it survives
 * restarts and is the same on every instance that shares that key, with nothing more to configure.
 */
export function derivedKey(kek: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", kek, Buffer.alloc(0), `sesame ${purpose}`, 32));
}

/** AES-256-GCM through node:crypto; `label` (the kid) is authenticated so rows cannot be swapped. */
export function encryptKey(kek: Buffer, plaintext: Buffer, label: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", kek, iv);
  cipher.setAAD(Buffer.from(label));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return ["v1", iv, body, cipher.getAuthTag()]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export function decryptKey(kek: Buffer, sealed: string, label: string): Buffer {
  const [version, iv, body, tag] = sealed.split(".");
  if (version !== "v1" || !iv || !body || !tag) throw new Error("unknown key encryption format");
  const decipher = createDecipheriv("aes-256-gcm", kek, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(label));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]);
}
