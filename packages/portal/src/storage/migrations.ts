import { createExpiryIndexes, type ExpiryRule } from "@sesame/kit/db/expiry-sweeper";
import type { NamedMigrations } from "@sesame/kit/db/migrations";
import { createJobTable, jobExpiry } from "@sesame/kit/jobs/job-table";
import { createMailOutboxTable, outboxExpiry } from "@sesame/kit/mail/outbox-table";
import { approvalExpiry, createApprovalTables } from "./approval-tables";
import { createAuditTable } from "./audit-table";
import { authExpiry, createAuthTables } from "./auth-tables";
import { createBrandingTable } from "./branding-table";
import { createConsentTables } from "./consent-table";
import {
  addApprovalRequestedColumn,
  addLatestInvitationCopy,
  addReadinessOrganization,
  createContactTables,
} from "./contact-tables";
import { createDocumentTables } from "./document-tables";
import { createDossierTable } from "./dossier-table";
import { createFirmTables } from "./firm-tables";
import { addSignInTenant, createGuestAccessTables } from "./guest-tables";
import { addHomePageIndexes } from "./home-page-indexes";
import { createInvitationLinkTable } from "./invitation-link-table";
import { createInvitationTable } from "./invitation-table";
import { addLicenceSendingColumns, createLicenceTable } from "./licence-table";
import { createMessageTables } from "./message-tables";
import { createNotificationTables } from "./notification-tables";
import { createReminderTables } from "./reminder-tables";
import { createRequestTables, requestExpiry } from "./request-tables";
import { createUploadLinkTable } from "./upload-link-tables";

/** What the expiry sweeper deletes. */
export const portalExpiry: readonly ExpiryRule[] = [
  outboxExpiry,
  ...authExpiry,
  ...jobExpiry,
  ...requestExpiry,
  ...approvalExpiry,
];

/** Append only: a released migration is never edited, a new one is added after it. */
export const portalMigrations: NamedMigrations = {
  "0001_mail_outbox": { up: createMailOutboxTable },
  "0100_firms": { up: createFirmTables },
  "0200_dossiers": { up: createDossierTable },
  "0300_contacts": { up: createContactTables },
  "0400_invitations": { up: createInvitationTable },
  "0500_consent": { up: createConsentTables },
  "0600_auth": { up: createAuthTables },
  "0700_licences": { up: createLicenceTable },
  "0710_licence_sending": { up: addLicenceSendingColumns },
  "0800_audit": { up: createAuditTable },
  "0810_auth_expiry_indexes": { up: (db) => createExpiryIndexes(db, authExpiry) },
  "0900_invitation_links": { up: createInvitationLinkTable },
  "0901_readiness_organization": { up: addReadinessOrganization },
  "0950_contact_approval_requested": { up: addApprovalRequestedColumn },
  "1000_jobs": { up: createJobTable },
  "1010_invitation_reminders": { up: createReminderTables },
  "1100_documents": { up: createDocumentTables },
  "1200_notifications": { up: createNotificationTables },
  "1300_firm_branding": { up: createBrandingTable },
  "1400_guest_access": { up: createGuestAccessTables },
  "1401_signin_tenant": { up: addSignInTenant },
  "1500_requests": { up: createRequestTables },
  "1501_request_digest_expiry": { up: (db) => createExpiryIndexes(db, requestExpiry) },
  "1600_messages": { up: createMessageTables },
  "1610_approvals": { up: createApprovalTables },
  "1620_approval_reauth_expiry": { up: (db) => createExpiryIndexes(db, approvalExpiry) },
  "1700_upload_links": { up: createUploadLinkTable },
  "1810_home_page_indexes": { up: addHomePageIndexes },
  "1820_latest_invitation_copy": { up: addLatestInvitationCopy },
};
