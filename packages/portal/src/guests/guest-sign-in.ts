import { audited } from "@sesame/kit/operations/audited";
import type { Kysely } from "kysely";
import { type PortalActor, writeAudit } from "../audit/audit-log";
import { tenantIdOfDomain } from "../identity-client/discovery-client";
import { copyInvitationChange } from "../invitations/latest-invitation-copy";
import type { PortalContext } from "../service/portal-context";
import type { PortalDB } from "../storage/schema";
import { contactOfGuestObject } from "./guest-access-queries";

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The firm's tenant GUID (configured as a GUID or as one of its domains), or undefined when unknown. */
export async function firmTenantId(ctx: PortalContext): Promise<string | undefined> {
  const configured = ctx.config.SESAME_FIRM_TENANT;
  if (guid.test(configured)) return configured.toLowerCase();
  return tenantIdOfDomain(ctx.fetch, ctx.authority, configured);
}

/**
 * A guest of the firm's tenant signs in: the guest object Graph made for a contact is that contact,
 * now and from then on (their (tid, oid) becomes the guest's, even if they came in another way
 * before); their open invitation is used up. Undefined: this (tid, oid) is no contact's guest.
 */
export async function matchGuest(
  db: Kysely<PortalDB>,
  firmId: string,
  claims: {
    readonly tid: string;
    readonly oid: string;
    readonly email: string | undefined;
    readonly name: string;
  },
): Promise<string | undefined> {
  const guest = await contactOfGuestObject(db, firmId, claims.tid, claims.oid);
  if (!guest) return undefined;
  const actor: PortalActor = { name: claims.email ?? claims.name };
  return audited({ db, writeAudit }, actor, async (trx) => {
    await trx
      .updateTable("contact")
      .set({ tid: claims.tid, oid: claims.oid })
      .where("id", "=", guest.contact_id)
      .where("firm_id", "=", firmId)
      .execute();
    const completedAt = Date.now();
    const completed = await trx
      .updateTable("invitation")
      .set({ completed_at: completedAt })
      .where("contact_id", "=", guest.contact_id)
      .where("completed_at", "is", null)
      .where("revoked_at", "is", null)
      .returning("id")
      .execute();
    await copyInvitationChange(
      trx,
      completed.map((r) => r.id),
      { completed_at: completedAt },
    );
    return {
      result: guest.contact_id,
      audit: {
        scope: firmId,
        action: "contact.bound",
        target: claims.email ?? claims.oid,
        detail: { via: "guest" },
      },
    };
  });
}
