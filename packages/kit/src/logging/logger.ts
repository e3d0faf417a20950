import pino, { type Logger } from "pino";

/** Paths that may carry secrets or codes; they are never written to logs. */
const redactedPaths = [
  "password",
  "*.password",
  "code",
  "*.code",
  "secret",
  "*.secret",
  "client_secret",
  "*.client_secret",
  "req.headers.cookie",
  "req.headers.authorization",
  'res.headers["set-cookie"]',
];

export function createLogger(service: string, level: string): Logger {
  return pino({ name: service, level, redact: { paths: redactedPaths, censor: "[redacted]" } });
}

export type { Logger };
