import type { StaffRequest } from "../firms/firm-access";
import { revokeInvitation, sendInvitation } from "../invitations/invitation-operations";
import { latestInvitation } from "../invitations/invitation-queries";
import { invitationProblem } from "../invitations/invitation-rules";
import { remindNow } from "../reminders/manual-reminder-operations";
import type { PortalContext } from "../service/portal-context";
import type { ContactTable } from "../storage/contact-tables";

export type BulkAction = "invite" | "remind" | "revoke";

/**
 * One action on several contacts of the firm, each its own change (one audit entry each): invite
 * those with no open invitation, remind those with one, revoke open invitations. Contacts the action
 * does not fit (already active, nothing to revoke) are skipped and counted.
 */
export async function runBulk(
  ctx: PortalContext,
  who: StaffRequest,
  action: BulkAction,
  contacts: readonly ContactTable[],
): Promise<{ done: number; skipped: number }> {
  let done = 0;
  for (const contact of contacts) {
    if (await applyOne(ctx, who, action, contact)) done++;
  }
  return { done, skipped: contacts.length - done };
}

async function applyOne(ctx: PortalContext, who: StaffRequest, action: BulkAction, contact: ContactTable) {
  if (contact.tid) return false;
  const open = invitationProblem(await latestInvitation(ctx.db, contact.id)) === undefined;
  switch (action) {
    case "invite":
      return !open && (await sendInvitation(ctx, who, contact)).ok;
    case "remind":
      return open && (await remindNow(ctx, who, contact));
    case "revoke":
      if (!open) return false;
      await revokeInvitation(ctx, who, contact);
      return true;
  }
}
