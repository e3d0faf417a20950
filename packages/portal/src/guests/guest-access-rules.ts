import { CONSUMER_TENANT_ID } from "../readiness/readiness-rules";
import type { ContactGuestTable } from "../storage/guest-tables";

export type WayIn = "personal" | "work" | "guest";

/** How a signed-in contact came in, from the (tid, oid) they were matched on. */
export function wayIn(
  contact: { readonly tid: string | null; readonly oid: string | null },
  guest: Pick<ContactGuestTable, "tenant_id" | "object_id"> | undefined,
): WayIn | undefined {
  if (!contact.tid) return undefined;
  if (guest && guest.tenant_id === contact.tid && guest.object_id === contact.oid) return "guest";
  return contact.tid === CONSUMER_TENANT_ID ? "personal" : "work";
}

/** The portal's address Microsoft sends a guest to after redemption: sign-in at the firm's tenant. */
export const guestSignInPath = (firmCode: string): string => `/${firmCode}/signin/guest`;
