import { commonConfigSchema } from "@sesame/kit/config/common-config";
import { loadConfig } from "@sesame/kit/config/load-config";
import { z } from "zod";

const domainList = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((d) => d.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(
    z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, "must be a comma-separated list of domains")).min(1),
  );

/** Identity's settings: the common ones plus the rules of accounts and sign-up (PRODUCT.md 1.1). */
export const identityConfigSchema = commonConfigSchema.extend({
  SESAME_CONSUMER_DOMAINS: domainList.default(["outlook.fr", "outlook.com", "hotmail.fr", "hotmail.com"]),
  SESAME_ARGON2_MEMORY_KIB: z.coerce.number().int().min(1024, "must be at least 1024 KiB").default(19456),
  SESAME_ARGON2_TIME_COST: z.coerce.number().int().min(1).max(10).default(2),
  SESAME_ARGON2_PARALLELISM: z.coerce.number().int().min(1).max(8).default(1),
  SESAME_PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8, "must be at least 8").max(64).default(8),
  SESAME_CODE_LENGTH: z.coerce
    .number()
    .int()
    .min(4, "must be between 4 and 8")
    .max(8, "must be between 4 and 8")
    .default(6),
  SESAME_ALTCHA_MAX_NUMBER: z.coerce.number().int().min(1000).max(10_000_000).default(50_000),
  SESAME_SIGNUP_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
});

export type IdentityConfig = z.infer<typeof identityConfigSchema>;

export function loadIdentityConfig(env: Record<string, string | undefined> = process.env): IdentityConfig {
  return loadConfig(identityConfigSchema, env);
}

/** The consumer tenant every personal Microsoft account belongs to. */
export const CONSUMER_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";
