import { hash, verify } from "@node-rs/argon2";

export interface Argon2Settings {
  readonly memoryKib: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

// `Algorithm` is an ambient const enum, which isolated modules cannot read: 2 is Argon2id.
const ARGON2ID = 2;

/** argon2id over the NFC form, so the same password typed on any keyboard matches. */
export function hashPassword(password: string, settings: Argon2Settings): Promise<string> {
  return hash(password.normalize("NFC"), {
    algorithm: ARGON2ID as never,
    memoryCost: settings.memoryKib,
    timeCost: settings.timeCost,
    parallelism: settings.parallelism,
  });
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password.normalize("NFC")).catch(() => false);
}
