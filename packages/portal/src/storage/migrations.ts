import type { NamedMigrations } from "@sesame/kit/db/migrations";
import { createMailOutboxTable } from "@sesame/kit/mail/outbox-table";

/** Append only: a released migration is never edited, a new one is added after it. */
export const portalMigrations: NamedMigrations = {
  "0001_mail_outbox": { up: createMailOutboxTable },
};
