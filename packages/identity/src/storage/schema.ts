import type { MailTables } from "@sesame/kit/mail/outbox-table";
import type { AccountTables } from "../accounts/account-table";
import type { AdminConsentTables } from "../admin-consent/service-principal-tables";
import type { UsedSolutionTables } from "../antirobot/used-solution-table";
import type { AppTables } from "../apps/app-tables";
import type { AuditTables } from "../audit/audit-tables";
import type { CodeTables } from "../codes/code-table";
import type { ConsentTables } from "../consent/consent-tables";
import type { KeyTables } from "../keys/key-tables";
import type { LicenceTables } from "../licences/licence-tables";
import type { LockoutTables } from "../lockout/lockout-table";
import type { MailboxTables } from "../mailbox/mailbox-table";
import type { GrantTables } from "../oauth/grant-tables";
import type { PasswordResetTables } from "../password-reset/password-reset-table";
import type { ResellerTables } from "../reseller/reseller-tables";
import type { RoleTables } from "../roles/role-tables";
import type { SessionTables } from "../sessions/session-table";
import type { SignupAttemptTables } from "../signup/signup-table";
import type { TenantTables } from "../tenants/tenant-tables";

/**
 * Every table of identity; each feature folder owns its own part. Only table modules are imported
 * here, never a feature's entry point, so the schema sits below every feature.
 */
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
    LockoutTables,
    PasswordResetTables,
    SignupAttemptTables,
    CodeTables,
    UsedSolutionTables,
    AppTables,
    KeyTables,
    GrantTables,
    ConsentTables,
    AdminConsentTables {}
