import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import { audited } from "@sesame/kit/operations/audited";
import type { PortalContext } from "../service/portal-context";
import type { StaffRole } from "../storage/firm-tables";
import type { StaffRequest } from "./firm-access";
import { insertStaff, type Staff, updateFirmSettings } from "./firm-queries";

/** The firm's writes: each one transaction with its audit entry, whoever asks (page, CLI, seed). */

export interface FirmSettingsInput {
  readonly name: string;
  readonly contactEmail: string | null;
}

export async function saveFirmSettings(
  ctx: PortalContext,
  who: StaffRequest,
  input: FirmSettingsInput,
): Promise<void> {
  await audited(ctx, { name: who.staff.email }, async (trx) => {
    await updateFirmSettings(trx, who.firm.id, input);
    return {
      result: undefined,
      audit: { scope: who.firm.id, action: "firm.settings", target: who.firm.code },
    };
  });
}

export interface NewStaffInput {
  readonly email: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly expectedTenant: string;
}

/** Adds a staff member, who binds to their Microsoft account at first sign-in. */
export async function addStaff(
  ctx: PortalContext,
  who: StaffRequest,
  input: NewStaffInput,
): Promise<{ ok: true; staff: Staff } | { ok: false; refusal: "firm.staff.duplicate" }> {
  try {
    const staff = await audited(ctx, { name: who.staff.email }, async (trx) => {
      const row = await insertStaff(trx, { firmId: who.firm.id, ...input });
      return { result: row, audit: { scope: who.firm.id, action: "staff.add", target: input.email } };
    });
    return { ok: true, staff };
  } catch (error) {
    // The same address twice in one firm (the unique index), also when two admins add it at once.
    if (!isUniqueViolation(error)) throw error;
    return { ok: false, refusal: "firm.staff.duplicate" };
  }
}
