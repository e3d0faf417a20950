import type { IdentityConfig } from "../config";
import { decryptKey, derivedKey, encryptKey, keyEncryptionKey } from "../keys/key-encryption";

/** The keys of second factors: TOTP secrets are sealed, recovery codes hashed with a keyed hash. */
export interface FactorKeys {
  readonly kek: Buffer;
  readonly recoveryKey: Buffer;
}

let cached: { config: IdentityConfig; keys: FactorKeys } | undefined;

export function factorKeys(config: IdentityConfig): FactorKeys {
  if (cached?.config === config) return cached.keys;
  const kek = keyEncryptionKey(config);
  const keys = { kek, recoveryKey: derivedKey(kek, "recovery codes") };
  cached = { config, keys };
  return keys;
}

const label = (accountId: string) => `totp:${accountId}`;

export const sealTotpSecret = (keys: FactorKeys, accountId: string, secret: Buffer): string =>
  encryptKey(keys.kek, secret, label(accountId));

export const openTotpSecret = (keys: FactorKeys, accountId: string, sealed: string): Buffer =>
  decryptKey(keys.kek, sealed, label(accountId));
