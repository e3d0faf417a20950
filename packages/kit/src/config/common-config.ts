import path from "node:path";
import { z } from "zod";

const portNumber = z.coerce
  .number({ message: "must be a port number" })
  .int("must be a whole number")
  .min(0, "must be between 0 and 65535")
  .max(65535, "must be between 0 and 65535");
const port = (fallback: number) => portNumber.default(fallback);

const databaseUrl = z
  .string()
  .refine(
    (v) =>
      v === "sqlite" ||
      v.startsWith("sqlite:") ||
      v.startsWith("postgres://") ||
      v.startsWith("postgresql://"),
    "must be sqlite:<directory> or postgres://user@host:port/database",
  )
  .optional();

const smtpUrl = z
  .string()
  .refine((v) => /^smtps?:\/\//.test(v), "must be smtp://host:port or smtps://user:pass@host:port")
  .optional();

const redisUrl = z
  .string()
  .refine((v) => /^rediss?:\/\//.test(v), "must be redis://host:port")
  .optional();

/** "1", "true" or "yes" turn a flag on; unset or anything else leaves it off. */
const flag = z
  .string()
  .optional()
  .transform((v) => v !== undefined && ["1", "true", "yes"].includes(v.toLowerCase()));

/** Settings shared by identity and portal. Variable names are the public contract (see README). */
export const commonConfigSchema = z.object({
  /** production: built JavaScript, no demo data, no development mailbox, every secret given. */
  SESAME_ENV: z
    .enum(["development", "production"], { message: "must be development or production" })
    .default("development"),
  /** Serves /_dev/mail to loopback clients; `npm start` sets it, production refuses it. */
  SESAME_DEV_MAILBOX: flag,
  /** How long a stopping process lets requests in flight finish before closing their connections. */
  SESAME_SHUTDOWN_TIMEOUT_SECONDS: z.coerce
    .number({ message: "must be a number of seconds" })
    .min(0, "must be between 0 and 300 seconds")
    .max(300, "must be between 0 and 300 seconds")
    .default(10),
  SESAME_DATA_DIR: z
    .string()
    .default("./data")
    .transform((v) => path.resolve(v)),
  SESAME_IDENTITY_PORT: port(8443),
  SESAME_PORTAL_PORT: port(8444),
  SESAME_SMTP_SINK_PORT: port(2525),
  /** Addresses (or CIDR ranges) of the load balancers whose X-Forwarded-For header names the client. */
  SESAME_TRUSTED_PROXIES: z
    .string()
    .transform((v) =>
      v
        .split(",")
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(/^[0-9a-f.:]+(\/\d{1,3})?$/i, "must be IP addresses or CIDR ranges, comma-separated"),
      ),
    )
    .optional(),
  /** Behind a load balancer: this instance's own port; the service's port above is then the public one. */
  SESAME_LISTEN_PORT: portNumber.optional(),
  SESAME_PUBLIC_HOST: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, "must be a host name such as localhost or sesame.example.fr")
    .default("localhost"),
  DATABASE_URL: databaseUrl,
  /** SQLite: `normal` keeps commits through kill -9; `full` through power cuts too (kit/db/database.ts). */
  SQLITE_SYNCHRONOUS: z.enum(["full", "normal"], { message: "must be full or normal" }).default("normal"),
  SMTP_URL: smtpUrl,
  REDIS_URL: redisUrl,
  SESAME_MAIL_FROM: z.string().email("must be an email address").default("no-reply@sesame.localhost"),
  SESAME_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SESAME_MAIL_RETRY_HOURS: z.coerce
    .number({ message: "must be a number of hours" })
    .min(1, "must be between 1 and 336 hours (two weeks)")
    .max(336, "must be between 1 and 336 hours (two weeks)")
    .default(24),
  SESAME_METRICS_TOKEN: z
    .string()
    .min(16, "must be at least 16 characters (sent as Authorization: Bearer <token>)")
    .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces")
    .optional(),
  SESAME_SECRET: z
    .string()
    .min(32, "must be at least 32 characters (used to sign cookies and CSRF tokens)")
    .optional(),
});

export type CommonConfig = z.infer<typeof commonConfigSchema>;
