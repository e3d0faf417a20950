import type { IdentityConfig } from "../config";
import type { Argon2Settings } from "./password-hash";

export function argon2Settings(config: IdentityConfig): Argon2Settings {
  return {
    memoryKib: config.SESAME_ARGON2_MEMORY_KIB,
    timeCost: config.SESAME_ARGON2_TIME_COST,
    parallelism: config.SESAME_ARGON2_PARALLELISM,
  };
}
