import type { CommonConfig } from "./common-config";
import { ConfigError } from "./load-config";

/** A condition under which production must not start, and the one line that says why. */
export interface Refusal {
  readonly when: boolean;
  readonly line: string;
}

/** What every service refuses in production: development conveniences and missing shared secrets. */
export function commonRefusals(config: CommonConfig, options: { seed: boolean }): Refusal[] {
  return [
    { when: options.seed, line: "--seed: production never loads demo data" },
    {
      when: config.SESAME_DEV_MAILBOX,
      line: "SESAME_DEV_MAILBOX: the development mailbox (/_dev/mail) is refused in production",
    },
    {
      when: config.SMTP_URL === undefined,
      line: "SMTP_URL: required in production (the embedded SMTP sink is for development)",
    },
    {
      when: config.SESAME_SECRET === undefined,
      line: "SESAME_SECRET: required in production, the same on every instance (openssl rand -base64 48)",
    },
  ];
}

/**
 * In production, stops the start with one line per refusal that applies; in development, does
 * nothing, so `npm start` keeps its embedded defaults.
 */
export function refuseUnsafeProduction(config: CommonConfig, refusals: readonly Refusal[]): void {
  if (config.SESAME_ENV !== "production") return;
  const lines = refusals.filter((r) => r.when).map((r) => r.line);
  if (lines.length > 0) throw new ConfigError(lines, "Refused in production (SESAME_ENV=production)");
}
