import type { Counters } from "@sesame/kit/counters/counters";
import type { Database } from "@sesame/kit/db/database";
import type { Logger } from "@sesame/kit/logging/logger";
import type { AuditWriter } from "@sesame/kit/operations/audited";
import type { Kysely } from "kysely";
import type { Actor } from "./audit/audit-log";
import type { IdentityConfig } from "./config";
import type { IdentityDB } from "./storage/schema";

/** What identity's features receive: their dependencies, never the request. */
export interface IdentityContext {
  readonly config: IdentityConfig;
  readonly database: Database<IdentityDB>;
  readonly db: Kysely<IdentityDB>;
  readonly counters: Counters;
  readonly logger: Logger;
  /** Public origin, e.g. https://localhost:8443: issuer host, links in mail. */
  readonly origin: string;
  readonly brand: string;
  /** Tells the mail sender that a committed transaction queued mail. */
  readonly mailQueued: () => void;
  /** Writes one audit entry in the transaction of its change: what kit's `audited` calls. */
  readonly writeAudit: AuditWriter<IdentityDB, Actor>;
  /** The embedded SMTP sink receives the mail and SESAME_DEV_MAILBOX is set: /_dev/mail is served. */
  readonly devMailbox: boolean;
}
