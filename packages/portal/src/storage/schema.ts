import type { MailTables } from "@sesame/kit/mail/outbox-table";
import type { AuditTables } from "../audit/audit-table";
import type { AuthTables } from "../auth/auth-tables";
import type { ConsentTables } from "../consent/consent-table";
import type { ContactTables } from "../contacts/contact-tables";
import type { DossierTables } from "../dossiers/dossier-table";
import type { FirmTables } from "../firms/firm-tables";
import type { InvitationTables } from "../invitations/invitation-table";
import type { LicenceTables } from "../licences/licence-table";

/** Every table of the portal; each feature folder owns its own part. */
export interface PortalDB
  extends MailTables,
    FirmTables,
    DossierTables,
    ContactTables,
    InvitationTables,
    ConsentTables,
    AuthTables,
    LicenceTables,
    AuditTables {}
