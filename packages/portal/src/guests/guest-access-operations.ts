import { audited } from "@sesame/kit/operations/audited";
import type { PortalActor } from "../audit/audit-log";
import { type Inviter, inviteIn, sendInvitation } from "../invitations/invitation-operations";
import type { PortalContext } from "../service/portal-context";
import type { ContactTable } from "../storage/contact-tables";
import {
  contactGuest,
  disableContactGuest,
  firmGuestByDefault,
  saveContactGuest,
  saveFirmGuestByDefault,
} from "./guest-access-queries";
import { guestSignInPath } from "./guest-access-rules";
import { inviteThroughGraph } from "./guest-graph-client";

/** Why guest access could not be turned on, in the staff's words (guest-messages). */
export type GuestRefusal = "guest.error.permission" | "guest.error.refused" | "guest.error.unavailable";

export type GuestSwitch = { readonly ok: true } | { readonly ok: false; readonly refusal: GuestRefusal };

const refusals = {
  permission: "guest.error.permission",
  refused: "guest.error.refused",
  unavailable: "guest.error.unavailable",
} as const satisfies Record<string, GuestRefusal>;

/** HTTP status of each reason Graph gave for not inviting. */
export const refusalStatus = {
  "guest.error.permission": 403,
  "guest.error.refused": 422,
  "guest.error.unavailable": 503,
} as const satisfies Record<GuestRefusal, number>;

const actorOf = (who: Inviter): PortalActor => ({ name: who.staff.email });

/**
 * "Accès invité" on: Graph invites the address into the firm's tenant (no Microsoft mail), the guest
 * object is remembered as the (tid, oid) the person will sign in as, and the portal's invitation
 * mail carrying the redeem link goes out, in one transaction. Nothing is written when Graph refuses.
 */
export async function turnGuestAccessOn(
  ctx: PortalContext,
  who: Inviter,
  contact: ContactTable,
): Promise<GuestSwitch> {
  const invited = await inviteThroughGraph(ctx, {
    email: contact.email,
    displayName: `${contact.first_name} ${contact.last_name}`,
    redirectUrl: `${ctx.origin}${guestSignInPath(who.firm.code)}`,
    locale: contact.language,
  });
  if (!invited.ok) {
    ctx.logger.warn({ reason: invited.reason, detail: invited.detail }, "guest invitation refused");
    return { ok: false, refusal: refusals[invited.reason] };
  }
  await audited(ctx, actorOf(who), async (trx) => {
    await saveContactGuest(trx, {
      contactId: contact.id,
      firmId: who.firm.id,
      tenantId: invited.tenantId,
      objectId: invited.objectId,
      redeemUrl: invited.redeemUrl,
    });
    const invitation = await inviteIn(ctx, trx, who, contact);
    return {
      result: undefined,
      audit: [{ scope: who.firm.id, action: "contact.guest.on", target: contact.email }, invitation],
    };
  });
  ctx.mailQueued();
  return { ok: true };
}

/** "Accès invité" off: the guest object no longer signs in as this contact. */
export async function turnGuestAccessOff(
  ctx: PortalContext,
  who: Inviter,
  contact: ContactTable,
): Promise<void> {
  await audited(ctx, actorOf(who), async (trx) => {
    await disableContactGuest(trx, contact.id);
    return {
      result: undefined,
      audit: { scope: who.firm.id, action: "contact.guest.off", target: contact.email },
    };
  });
}

/**
 * Staff's "invite": where the firm chose guest access by default, a contact who is not signed in
 * yet is invited as a guest; otherwise (or once a guest) the usual invitation or reminder.
 */
export async function inviteContact(ctx: PortalContext, who: Inviter, contact: ContactTable) {
  const guestAlready = await contactGuest(ctx.db, contact.id);
  if (!contact.tid && guestAlready?.enabled !== 1 && (await firmGuestByDefault(ctx.db, who.firm.id))) {
    const guest = await turnGuestAccessOn(ctx, who, contact);
    return guest.ok ? ({ ok: true, reminder: false } as const) : guest;
  }
  return sendInvitation(ctx, who, contact);
}

export async function setGuestByDefault(ctx: PortalContext, who: Inviter, on: boolean): Promise<void> {
  await audited(ctx, actorOf(who), async (trx) => {
    await saveFirmGuestByDefault(trx, who.firm.id, on);
    return {
      result: undefined,
      audit: {
        scope: who.firm.id,
        action: on ? "firm.guest.default.on" : "firm.guest.default.off",
        target: who.firm.code,
      },
    };
  });
}
