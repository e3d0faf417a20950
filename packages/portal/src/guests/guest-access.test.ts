import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { GRAPH_APP_ID } from "@sesame/identity/apps/graph-app";
import { assignAppRole } from "@sesame/identity/consent/consent-queries";
import type { IdentityHarness } from "@sesame/identity/testing/identity-harness";
import { testTargets } from "@sesame/kit/db/test-databases";
import { insertContact } from "../contacts/contact-queries";
import type { Firm, Staff } from "../firms/firm-queries";
import { copyAndLatest } from "../invitations/invitation-test-support";
import { PortalBrowser, type PortalHarness, pageText, seedTestFirm } from "../testing/portal-harness";
import { auditLines, rowCount } from "../testing/store-checks";
import { type PortalWithIdentity, startPortalWithIdentity } from "../testing/with-identity";
import { firmTenantId, matchGuest } from "./guest-sign-in";

/** Graph's application permission User.Invite.All (Microsoft's id). */
const USER_INVITE_ALL_ROLE = "09850681-111b-4a89-9bed-3f2cae46d706";

for (const target of await testTargets()) {
  describe(`guest access through Graph on the firm's tenant, against identity (${target.label})`, () => {
    let stack: PortalWithIdentity;
    let identity: IdentityHarness;
    let h: PortalHarness;
    let firm: Firm;
    let admin: Staff;
    let tenantId: string;
    const newContact = (email: string, language: "fr" | "en" = "fr") =>
      insertContact(h.ctx.db, firm.id, {
        civility: "mme",
        firstName: "Léa",
        lastName: "Garnier",
        email,
        phone: null,
        language,
      });
    const staffBrowser = async (language: "fr" | "en" = "fr") => {
      const b = new PortalBrowser(h, language);
      await b.signInAs(admin);
      return b;
    };
    before(async () => {
      stack = await startPortalWithIdentity(target);
      ({ identity, portal: h } = stack);
      ({ firm, admin } = await seedTestFirm(h.ctx));
      tenantId = (await firmTenantId(h.ctx)) ?? "";
      assert.match(tenantId, /^[0-9a-f-]{36}$/);
    });
    after(() => stack.close());

    it("without User.Invite.All the settings say so and switching a contact to guest is refused with a clear message, writing nothing", async () => {
      const contact = await newContact("lea.sans-droit@gmail.com");
      for (const [language, words] of [
        ["fr", /n'a pas l'autorisation User\.Invite\.All/],
        ["en", /does not hold User\.Invite\.All/],
      ] as const) {
        const b = await staffBrowser(language);
        const settings = await b.get(`/${firm.code}/settings`);
        assert.equal(settings.statusCode, 200);
        assert.match(pageText(settings.body), words);
        await b.get(`/${firm.code}/interlocuteurs/${contact.id}`);
        const mails = await rowCount(h.ctx.db, "mail_outbox");
        const r = await b.post(`/${firm.code}/interlocuteurs/${contact.id}/guest-access`, { access: "on" });
        assert.equal(r.statusCode, 403);
        assert.match(pageText(r.body), words);
        assert.equal(await rowCount(h.ctx.db, "contact_guest"), 0);
        assert.equal(await rowCount(h.ctx.db, "mail_outbox"), mails);
      }
      assert.deepEqual(
        (await auditLines(h.ctx.db, firm.id)).filter((l) => l.includes("guest")),
        [],
      );
    });

    it("with User.Invite.All granted, 'Accès invité' invites the guest in the firm's tenant and the portal mails the redeem link", async () => {
      await assignAppRole(identity.identity.ctx.db, {
        clientAppId: h.ctx.config.SESAME_CLIENT_ID,
        resourceAppId: GRAPH_APP_ID,
        tenantId,
        appRoleId: USER_INVITE_ALL_ROLE,
      });
      const b = await staffBrowser();
      assert.match(
        pageText((await b.get(`/${firm.code}/settings`)).body),
        /a l'autorisation User\.Invite\.All/,
      );
      const contact = await newContact("lea.garnier@gmail.com");
      const page = await b.get(`/${firm.code}/interlocuteurs/${contact.id}`);
      assert.match(pageText(page.body), /Passer en accès invité/);
      const r = await b.post(`/${firm.code}/interlocuteurs/${contact.id}/guest-access`, { access: "on" });
      assert.equal(r.statusCode, 303);
      const guest = await h.ctx.db
        .selectFrom("contact_guest")
        .selectAll()
        .where("contact_id", "=", contact.id)
        .executeTakeFirstOrThrow();
      assert.equal(guest.tenant_id, tenantId);
      assert.equal(guest.enabled, 1);
      // The guest object exists in the firm's tenant, invited without Microsoft's own mail.
      const object = await identity.identity.ctx.db
        .selectFrom("guest")
        .innerJoin("account", "account.id", "guest.account_id")
        .select(["account.id", "account.tenant_id", "guest.external_user_state"])
        .where("guest.email_normalized", "=", "lea.garnier@gmail.com")
        .executeTakeFirstOrThrow();
      assert.deepEqual(object, {
        id: guest.object_id,
        tenant_id: tenantId,
        external_user_state: "PendingAcceptance",
      });
      const microsoftMail = await identity.identity.ctx.db
        .selectFrom("mail_outbox")
        .select("id")
        .where("to_address", "=", "lea.garnier@gmail.com")
        .execute();
      assert.equal(microsoftMail.length, 0);
      const mail = await h.ctx.db
        .selectFrom("mail_outbox")
        .selectAll()
        .where("to_address", "=", "lea.garnier@gmail.com")
        .executeTakeFirstOrThrow();
      assert.ok(mail.text_body.includes(guest.redeem_url), mail.text_body);
      assert.match(mail.text_body, /Accepter l'invitation/);
      assert.match(guest.redeem_url, /\/redeem\?rd=/);
      const after = pageText((await b.get(`/${firm.code}/interlocuteurs/${contact.id}?done=guestOn`)).body);
      assert.match(after, /Accès invité activé et invitation envoyée/);
      assert.match(after, /Désactiver l'accès invité/);
      assert.ok(
        (await auditLines(h.ctx.db, firm.id)).includes(`${admin.email}: contact.guest.on ${contact.email}`),
      );
    });

    it("the guest object signing in at the firm's tenant is the contact; the firm sees they came in as a guest", async () => {
      const contact = await newContact("paul.durand@gmail.com", "en");
      const b = await staffBrowser("en");
      await b.get(`/${firm.code}/interlocuteurs/${contact.id}`);
      assert.equal(
        (await b.post(`/${firm.code}/interlocuteurs/${contact.id}/guest-access`, { access: "on" }))
          .statusCode,
        303,
      );
      const guest = await h.ctx.db
        .selectFrom("contact_guest")
        .selectAll()
        .where("contact_id", "=", contact.id)
        .executeTakeFirstOrThrow();
      // Another (tid, oid) is nobody; the guest object's is this contact.
      assert.equal(
        await matchGuest(h.ctx.db, firm.id, {
          tid: tenantId,
          oid: "someone-else",
          email: undefined,
          name: "x",
        }),
        undefined,
      );
      const claims = { tid: tenantId, oid: guest.object_id, email: contact.email, name: "Paul" };
      assert.equal(await matchGuest(h.ctx.db, firm.id, claims), contact.id);
      // Signing in completes the invitation, and the dashboard's copy of it.
      const { copy, latest } = await copyAndLatest(h.ctx.db, contact.id);
      assert.ok(latest.completed_at);
      assert.deepEqual(copy, latest);
      const page = pageText((await b.get(`/${firm.code}/interlocuteurs/${contact.id}`)).body);
      assert.match(page, /Signs in with: guest of the firm/);
      // Turned off, the guest object no longer signs in as the contact.
      assert.equal(
        (await b.post(`/${firm.code}/interlocuteurs/${contact.id}/guest-access`, { access: "off" }))
          .statusCode,
        303,
      );
      assert.equal(await matchGuest(h.ctx.db, firm.id, { ...claims, oid: guest.object_id }), undefined);
    });

    it("the firm's default sends new invitations through guest access", async () => {
      const b = await staffBrowser();
      await b.get(`/${firm.code}/settings`);
      assert.equal((await b.post(`/${firm.code}/settings/guest-access`, { access: "on" })).statusCode, 303);
      assert.match(pageText((await b.get(`/${firm.code}/settings`)).body), /Accès invité par défaut/);
      const contact = await newContact("marc.blanc@gmail.com");
      await b.get(`/${firm.code}/interlocuteurs/${contact.id}`);
      const r = await b.post(`/${firm.code}/interlocuteurs/${contact.id}/invite`, {});
      assert.equal(r.statusCode, 303);
      const guest = await h.ctx.db
        .selectFrom("contact_guest")
        .select("redeem_url")
        .where("contact_id", "=", contact.id)
        .executeTakeFirstOrThrow();
      const mail = await h.ctx.db
        .selectFrom("mail_outbox")
        .select("text_body")
        .where("to_address", "=", contact.email)
        .executeTakeFirstOrThrow();
      assert.ok(mail.text_body.includes(guest.redeem_url));
      const bad = await b.post(`/${firm.code}/settings/guest-access`, { access: "maybe" });
      assert.equal(bad.statusCode, 400);
      assert.match(pageText(bad.body), /Choisissez d'activer ou de désactiver/);
    });
  });
}
