import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

/**
 * Wrong-password counts per (account, source). The account is named by a hash of its normalised
 * address, so unknown addresses lock exactly like known ones (the lock tells nothing). Shared by
 * every instance through the database.
 */
export interface SigninLockoutTable {
  /** SHA-256 (hex) of the normalised email address. */
  subject: string;
  /** The client's IP address. */
  source: string;
  failures: number;
  lockouts: number;
  locked_until: number;
  last_failure_at: number;
}

export interface LockoutTables {
  signin_lockout: SigninLockoutTable;
}

export async function createLockoutTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("signin_lockout")
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("lockouts", "integer", (c) => c.notNull())
    .addColumn("locked_until", TIME, (c) => c.notNull())
    .addColumn("last_failure_at", TIME, (c) => c.notNull())
    .addPrimaryKeyConstraint("signin_lockout_pk", ["subject", "source"])
    .execute();
}
