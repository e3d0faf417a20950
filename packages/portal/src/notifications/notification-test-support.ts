import assert from "node:assert/strict";
import { after, before } from "node:test";
import type { TestTarget } from "@sesame/kit/db/test-databases";
import { matchContact } from "../auth/match-person";
import { insertContact, linkDossier } from "../contacts/contact-queries";
import { insertDossier } from "../dossiers/dossier-queries";
import type { Firm, Staff } from "../firms/firm-queries";
import { sendInvitation } from "../invitations/invitation-operations";
import type { ContactTable } from "../storage/contact-tables";
import {
  addStaff,
  PortalBrowser,
  type PortalHarness,
  pageText,
  seedTestFirm,
  startTestPortal,
} from "../testing/portal-harness";

export const MINUTE = 60_000;
export const tenant = "bbbbbbbb-0000-4000-8000-00000000000b";

/** Every kind of notification mailed (the preferences form's checkboxes, all ticked). */
export const allOn = {
  on_invitation_accepted: "1",
  on_account_created: "1",
  on_approval_granted: "1",
  on_approval_requested: "1",
};

/** A firm with its administrator and Claire, the accountant in charge of one dossier, and the steps its contacts take. */
export interface NotificationFirm {
  readonly h: PortalHarness;
  readonly firm: Firm;
  readonly admin: Staff;
  readonly claire: Staff;
  /** Time moves through the job runner's clock, never by sleeping: milliseconds ahead of now. */
  readonly clock: { offset: number };
  readonly now: () => number;
  /** A contact of Claire's dossier (or of no dossier), invited by the firm. */
  invited(options?: { dossier?: boolean; language?: "fr" | "en"; work?: boolean }): Promise<ContactTable>;
  /** The contact signs in through their invitation's link. */
  signIn(contact: ContactTable): Promise<void>;
  /** The mails sent to a staff member, oldest first. */
  digests(staff: Staff): ReturnType<typeof digestsOf>;
  /** The staff member's notifications page, signed in. */
  listed(
    staff: Staff,
    language?: "fr" | "en",
  ): Promise<{ browser: PortalBrowser; page: Awaited<ReturnType<PortalBrowser["get"]>>; text: string }>;
  /** Everything so far goes out now, so each test starts with nothing waiting. */
  clearDigests(): Promise<void>;
}

const digestsOf = (h: PortalHarness, staff: Staff) =>
  h.ctx.db
    .selectFrom("mail_outbox")
    .selectAll()
    .where("to_address", "=", staff.email)
    .orderBy("created_at")
    .execute();

/** Registers the suite's set-up on the given store; returns the firm (available once `before` has run). */
export function useNotificationFirm(target: TestTarget): () => NotificationFirm {
  const clock = { offset: 0 };
  const now = () => Date.now() + clock.offset;
  let running: NotificationFirm | undefined;
  let n = 0;
  before(async () => {
    const h = await startTestPortal(target, { now });
    const { firm, admin } = await seedTestFirm(h.ctx);
    const claire = await addStaff(h.ctx, firm, "accountant", "claire@ypn.example");
    const dossierId = (
      await insertDossier(h.ctx.db, firm.id, {
        name: "Boulangerie Martin",
        siren: "732829320",
        siret: null,
        address: "1 rue du Four, Lyon",
        accountantId: claire.id,
        status: "onboarding",
      })
    ).id;
    /** The invitation's link, read from its mail as the person would. */
    const linkToken = async (contact: ContactTable) => {
      const mail = await h.ctx.db
        .selectFrom("mail_outbox")
        .select("text_body")
        .where("to_address", "=", contact.email)
        .orderBy("created_at", "desc")
        .executeTakeFirstOrThrow();
      return /\/guide\/(\S+)/.exec(mail.text_body)?.[1] ?? null;
    };
    running = {
      h,
      firm,
      admin,
      claire,
      clock,
      now,
      async invited(options = {}) {
        n++;
        const contact = await insertContact(h.ctx.db, firm.id, {
          civility: "m",
          firstName: "Paul",
          lastName: `Martin${n}`,
          email: `paul${n}@boulangerie.example`,
          phone: null,
          language: options.language ?? "fr",
        });
        if (options.dossier ?? true)
          await linkDossier(h.ctx.db, contact.id, { dossierId, read: true, upload: false, approve: false });
        if (options.work)
          await h.ctx.db
            .updateTable("contact")
            .set({ readiness_kind: "work", readiness_tenant_id: tenant, readiness_consent: "pending" })
            .where("id", "=", contact.id)
            .execute();
        assert.equal((await sendInvitation(h.ctx, { firm, staff: admin }, contact)).ok, true);
        return { ...contact, readiness_kind: options.work ? "work" : null };
      },
      async signIn(contact) {
        const token = await linkToken(contact);
        const claims = { tid: tenant, oid: `oid-${contact.id}`, email: contact.email, name: "Paul" };
        assert.equal((await matchContact(h.ctx.db, firm.id, claims, token)).ok, true);
      },
      digests: (staff) => digestsOf(h, staff),
      async listed(staff, language = "fr") {
        const browser = new PortalBrowser(h, language);
        await browser.signInAs(staff);
        const page = await browser.get("/YPN/notifications");
        assert.equal(page.statusCode, 200);
        return { browser, page, text: pageText(page.body) };
      },
      async clearDigests() {
        clock.offset += 16 * MINUTE;
        await h.portal.jobs.runOnce();
        await h.ctx.db.deleteFrom("mail_outbox").execute();
        clock.offset += 16 * MINUTE;
      },
    };
  });
  after(() => running?.h.close());
  return () => {
    assert.ok(running, "the firm is set up in the suite's before hook");
    return running;
  };
}
