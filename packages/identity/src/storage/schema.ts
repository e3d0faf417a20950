import type { MailTables } from "@sesame/kit/mail/outbox-table";
import type { AccountTables } from "../accounts/account-table";
import type { AdminConsentTables } from "../admin-consent/admin-consent-feature";
import type { AuditTables } from "../audit/audit-tables";
import type { LicenceTables } from "../licences/licence-tables";
import type { MailboxTables } from "../mailbox/mailbox-table";
import type { OauthTables } from "../oauth/oauth-feature";
import type { ResellerTables } from "../reseller/reseller-tables";
import type { RoleTables } from "../roles/role-tables";
import type { SessionTables } from "../sessions/session-table";
import type { SigninTables } from "../signin/signin-feature";
import type { SignupTables } from "../signup/signup-feature";
import type { TenantTables } from "../tenants/tenant-tables";

/** Every table of identity; each feature folder owns its own part. */
export interface IdentityDB
  extends MailTables,
    AccountTables,
    SessionTables,
    MailboxTables,
    TenantTables,
    RoleTables,
    LicenceTables,
    ResellerTables,
    AuditTables,
    SigninTables,
    SignupTables,
    OauthTables,
    AdminConsentTables {}
