import { createExpiryIndexes, type ExpiryRule } from "@sesame/kit/db/expiry-sweeper";
import type { NamedMigrations } from "@sesame/kit/db/migrations";
import { createMailOutboxTable, outboxExpiry } from "@sesame/kit/mail/outbox-table";
import type { Kysely } from "kysely";
import { identityFeatures } from "./features";
import { createAccountTable } from "./storage/account-table";
import { createAuditTables } from "./storage/audit-tables";
import { createMailboxTable } from "./storage/mailbox-table";
import { createSessionTable, sessionExpiry } from "./storage/session-table";

/** What the expiry sweeper deletes: the base tables' rules, then each feature's. */
export const identityExpiry: readonly ExpiryRule[] = [
  outboxExpiry,
  sessionExpiry,
  ...identityFeatures.flatMap((feature) => feature.expiry ?? []),
];

/**
 * Append only: a released migration is never edited, a new one is added after it. The base
 * tables come first; each feature brings its own, numbered in its range.
 */
export const identityMigrations: NamedMigrations = Object.assign(
  {
    "0001_mail_outbox": { up: createMailOutboxTable },
    "0002_accounts": { up: createAccountTable },
    "0003_sessions": { up: createSessionTable },
    "0004_mailbox": { up: createMailboxTable },
    "0005_base_expiry_indexes": { up: (db: Kysely<unknown>) => createExpiryIndexes(db, [sessionExpiry]) },
  },
  // The organizations' audit trail and sign-in log: written by every feature's operations, so a
  // base table, though numbered in the organizations' range where it was released.
  { "0305_tenants_audit": { up: createAuditTables } },
  ...identityFeatures.map((feature) => feature.migrations),
);
