import type { JobTables } from "@sesame/kit/jobs/job-table";
import type { MailTables } from "@sesame/kit/mail/outbox-table";
import type { AccountDeletionTables } from "./account-deletion-tables";
import type { AccountTables } from "./account-table";
import type { AppTables } from "./app-tables";
import type { AuditTables } from "./audit-tables";
import type { CodeTables } from "./code-table";
import type { ConsentRequestTables } from "./consent-request-tables";
import type { ConsentTables } from "./consent-tables";
import type { FactorTables } from "./factor-tables";
import type { GrantTables } from "./grant-tables";
import type { GuestTables } from "./guest-tables";
import type { KeyTables } from "./key-tables";
import type { LicenceTables } from "./licence-tables";
import type { LockoutTables } from "./lockout-table";
import type { MailboxTables } from "./mailbox-table";
import type { MarketingConsentTables } from "./marketing-consent-table";
import type { PasskeyTables } from "./passkey-tables";
import type { PasswordResetTables } from "./password-reset-table";
import type { ResellerTables } from "./reseller-tables";
import type { RoleTables } from "./role-tables";
import type { SecurityAlertTables } from "./security-alert-tables";
import type { AdminConsentTables } from "./service-principal-tables";
import type { SessionTables } from "./session-table";
import type { SignupAttemptTables } from "./signup-table";
import type { TenantTables } from "./tenant-tables";
import type { UsedSolutionTables } from "./used-solution-table";

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
    AdminConsentTables,
    MarketingConsentTables,
    SecurityAlertTables,
    ConsentRequestTables,
    FactorTables,
    GuestTables,
    AccountDeletionTables,
    JobTables,
    PasskeyTables {}
