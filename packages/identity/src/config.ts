import { isIPv4, isIPv6 } from "node:net";
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

/** "192.0.2.1", "192.0.2.1:5353", "2001:db8::1" or "[2001:db8::1]:5353", as node:dns accepts. */
function isResolverAddress(server: string): boolean {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(server);
  if (bracketed) return isIPv6(bracketed[1] ?? "");
  const [host = "", port, ...rest] = server.split(":");
  if (rest.length > 0) return isIPv6(server);
  return isIPv4(host) && (port === undefined || /^\d{1,5}$/.test(port));
}

/** Identity's settings: the common ones plus the rules of accounts and sign-up (docs/product-rules.md#sign-up). */
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
  /** Overrides of the digital age of consent table (countries/age-of-consent.ts), e.g. "FR=15,DE=16". */
  SESAME_AGE_OF_CONSENT: z
    .string()
    .regex(
      /^\s*([A-Za-z]{2}\s*=\s*\d{1,2}\s*)(,\s*[A-Za-z]{2}\s*=\s*\d{1,2}\s*)*$/,
      "must look like FR=15,DE=16",
    )
    .optional(),
  SESAME_SIGNUP_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
  /** Lifetime of an authorization code: 60 s by default, at most Entra's 10 minutes. */
  SESAME_AUTH_CODE_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(10, "must be between 10 and 600 seconds")
    .max(600, "must be between 10 and 600 seconds")
    .default(60),
  /**
   * GetCredentialType answers whether an account exists: past these many lookups per window from
   * one source address, or about one username from anywhere, the answer is withheld (ThrottleStatus 1).
   */
  SESAME_LOOKUP_LIMIT_PER_SOURCE: z.coerce.number().int().min(1).max(100_000).default(60),
  SESAME_LOOKUP_LIMIT_PER_USERNAME: z.coerce.number().int().min(1).max(100_000).default(20),
  SESAME_LOOKUP_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /**
   * Resolvers asked for domains' TXT records ("127.0.0.1:5353,[::1]:53"); the system's when unset.
   * In development DNS is asked only when this is set (otherwise the pasted value is the proof).
   */
  SESAME_DNS_SERVERS: z
    .string()
    .transform((v) =>
      v
        .split(",")
        .map((server) => server.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().refine(isResolverAddress, "must be a comma-separated list of IP[:port]")).min(1))
    .optional(),
  /**
   * How long a client that lost a refresh response may retry with the token it just used and get
   * the same successor back (0: never; any reuse revokes the family). At most 5 minutes.
   */
  SESAME_REFRESH_REUSE_GRACE_SECONDS: z.coerce
    .number()
    .int()
    .min(0, "must be between 0 and 300 seconds")
    .max(300, "must be between 0 and 300 seconds")
    .default(30),
  /** Suffix of every tenant's initial domain: `<name>.onmicrosoft.com` as at Microsoft. */
  SESAME_TENANT_DOMAIN_SUFFIX: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/, "must be a domain such as onmicrosoft.com")
    .default("onmicrosoft.com"),
  /**
   * 32 bytes (base64 or base64url) encrypting the token-signing private keys at rest. Optional: when
   * absent, a random one is created once in $SESAME_DATA_DIR/keys.secret (mode 0600) and reused; set
   * it explicitly when several instances share one database.
   */
  SESAME_KEY_ENCRYPTION_KEY: z
    .string()
    .refine(
      (v) => Buffer.from(v, "base64").length === 32,
      "must be 32 bytes in base64 (openssl rand -base64 32)",
    )
    .optional(),
});

export type IdentityConfig = z.infer<typeof identityConfigSchema>;

export function loadIdentityConfig(env: Record<string, string | undefined> = process.env): IdentityConfig {
  return loadConfig(identityConfigSchema, env);
}

/** The consumer tenant every personal Microsoft account belongs to. */
export const CONSUMER_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";
