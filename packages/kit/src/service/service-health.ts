import type { Kysely } from "kysely";
import { Gauge, type Registry } from "prom-client";
import type { Counters } from "../counters/counters";
import { narrow } from "../db/database";
import type { MailTables } from "../mail/outbox-table";
import { countStuckMail } from "../mail/stuck-mail";

export interface HealthSources<DB extends MailTables> {
  readonly counters: Counters;
  readonly db: Kysely<DB>;
  readonly config: { readonly SESAME_MAIL_RETRY_HOURS: number };
}

export interface ServiceHealth {
  /** What works in a lesser mode: /readyz stays 200 and lists these. */
  degradations(): Promise<string[]>;
  /** Gauges for the same facts on /metrics. */
  registerGauges(registry: Registry): void;
}

/**
 * The states that do not make a service unready but that an operator must see: Redis away (limits
 * then hold per instance), mail that has not left for 15 minutes (SMTP down or refusing).
 */
export function serviceHealth<DB extends MailTables>(sources: HealthSources<DB>): ServiceHealth {
  const horizonMs = sources.config.SESAME_MAIL_RETRY_HOURS * 60 * 60 * 1000;
  const outbox = narrow<MailTables, DB>(sources.db);
  const stuckMail = () => countStuckMail(outbox, horizonMs);
  return {
    async degradations() {
      const notes: string[] = [];
      const counters = sources.counters.degradation();
      if (counters) notes.push(counters);
      const stuck = await stuckMail();
      if (stuck > 0) notes.push(`${stuck} mail message(s) unsent for more than 15 minutes`);
      return notes;
    },
    registerGauges(registry) {
      new Gauge({
        name: "mail_outbox_stuck",
        help: "Mail messages still retried but unsent for more than 15 minutes",
        registers: [registry],
        async collect() {
          this.set(await stuckMail());
        },
      });
      new Gauge({
        name: "shared_counters_fallback",
        help: "1 while Redis is unreachable and this instance counts on its own",
        registers: [registry],
        collect() {
          this.set(sources.counters.degradation() ? 1 : 0);
        },
      });
    },
  };
}
