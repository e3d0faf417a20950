import type { IdentityConfig } from "../config";
import { derivedKey, keyEncryptionKey } from "../keys/key-encryption";

/**
 * The server-side key of emailed codes, derived (HKDF) from the key-encryption key like the
 * anti-robot secret: the database holds only HMAC(key, salt, code), so a stolen database alone
 * cannot test the 10^6 possible codes offline. Every instance sharing the key-encryption key agrees.
 */
export function codeKey(config: IdentityConfig): Buffer {
  let key = keys.get(config);
  if (!key) {
    key = derivedKey(keyEncryptionKey(config), "emailed codes");
    keys.set(config, key);
  }
  return key;
}

/** Once per configuration: without SESAME_KEY_ENCRYPTION_KEY the key is read from a file. */
const keys = new WeakMap<IdentityConfig, Buffer>();
