import type { MailTables } from "@sesame/kit/mail/outbox-table";

/** Every table of the portal; each feature folder owns its own part. */
export interface PortalDB extends MailTables {}
