import path from "node:path";
import { z } from "zod";

const port = (fallback: number) =>
  z.coerce
    .number({ message: "must be a port number" })
    .int("must be a whole number")
    .min(0, "must be between 0 and 65535")
    .max(65535, "must be between 0 and 65535")
    .default(fallback);

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

/** Settings shared by identity and portal. Variable names are the public contract (see README). */
export const commonConfigSchema = z.object({
  /** production: built JavaScript, no demo data, no development mailbox, every secret given. */
  SESAME_ENV: z
    .enum(["development", "production"], { message: "must be development or production" })
    .default("development"),
  SESAME_DATA_DIR: z
    .string()
    .default("./data")
    .transform((v) => path.resolve(v)),
  SESAME_IDENTITY_PORT: port(8443),
  SESAME_PORTAL_PORT: port(8444),
  SESAME_SMTP_SINK_PORT: port(2525),
  SESAME_PUBLIC_HOST: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, "must be a host name such as localhost or sesame.example.fr")
    .default("localhost"),
  DATABASE_URL: databaseUrl,
  SMTP_URL: smtpUrl,
  REDIS_URL: redisUrl,
  SESAME_MAIL_FROM: z.string().email("must be an email address").default("no-reply@sesame.localhost"),
  SESAME_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SESAME_SECRET: z
    .string()
    .min(32, "must be at least 32 characters (used to sign cookies and CSRF tokens)")
    .optional(),
});

export type CommonConfig = z.infer<typeof commonConfigSchema>;
