import type { JobTables } from "@sesame/kit/jobs/job-table";
import type { MailTables } from "@sesame/kit/mail/outbox-table";
import type { ApprovalTables } from "./approval-tables";
import type { AuditTables } from "./audit-table";
import type { AuthTables } from "./auth-tables";
import type { BrandingTables } from "./branding-table";
import type { ConsentTables } from "./consent-table";
import type { ContactTables } from "./contact-tables";
import type { DocumentTables } from "./document-tables";
import type { DossierTables } from "./dossier-table";
import type { FirmTables } from "./firm-tables";
import type { GuestAccessTables } from "./guest-tables";
import type { InvitationLinkTables } from "./invitation-link-table";
import type { InvitationTables } from "./invitation-table";
import type { LicenceTables } from "./licence-table";
import type { MessageTables } from "./message-tables";
import type { NotificationTables } from "./notification-tables";
import type { ReminderTables } from "./reminder-tables";
import type { RequestTables } from "./request-tables";
import type { UploadLinkTables } from "./upload-link-tables";

/** Every table of the portal. The tables live here, below the features, so that features depend on
 * storage and never on each other through it. */
export interface PortalDB
  extends MailTables,
    FirmTables,
    DossierTables,
    ContactTables,
    InvitationTables,
    InvitationLinkTables,
    ConsentTables,
    AuthTables,
    LicenceTables,
    AuditTables,
    DocumentTables,
    JobTables,
    ReminderTables,
    NotificationTables,
    RequestTables,
    GuestAccessTables,
    MessageTables,
    ApprovalTables,
    BrandingTables,
    UploadLinkTables {}
