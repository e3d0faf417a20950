import type { NamedMigrations } from "@sesame/kit/db/migrations";
import { createMailOutboxTable } from "@sesame/kit/mail/outbox-table";
import { createAccountTable } from "../accounts/account-table";
import { identityFeatures } from "../features";
import { createMailboxTable } from "../mailbox/mailbox-table";
import { createSessionTable } from "../sessions/session-table";

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
  },
  ...identityFeatures.map((feature) => feature.migrations),
);
