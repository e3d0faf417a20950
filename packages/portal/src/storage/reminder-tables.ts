import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

/** A firm's automatic reminder schedule; no row means the default (3 and 7 days). */
export interface ReminderSettingsTable {
  firm_id: string;
  /** Days after the invitation, comma-separated ("3,7"); empty: no automatic reminder. */
  days: string;
  updated_at: number;
}

/** One automatic reminder sent for one invitation at one step: each is sent once. */
export interface InvitationReminderTable {
  invitation_id: string;
  step_days: number;
  sent_at: number;
}

export interface ReminderTables {
  reminder_settings: ReminderSettingsTable;
  invitation_reminder: InvitationReminderTable;
}

/** Reminders carry a fresh link to the same invitation: see invitation-link-table.ts (0900). */
export async function createReminderTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("reminder_settings")
    .addColumn("firm_id", "text", (c) => c.primaryKey().references("firm.id"))
    .addColumn("days", "text", (c) => c.notNull())
    .addColumn("updated_at", TIME, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("invitation_reminder")
    .addColumn("invitation_id", "text", (c) => c.notNull().references("invitation.id"))
    .addColumn("step_days", "integer", (c) => c.notNull())
    .addColumn("sent_at", TIME, (c) => c.notNull())
    .addPrimaryKeyConstraint("invitation_reminder_pk", ["invitation_id", "step_days"])
    .execute();
}
