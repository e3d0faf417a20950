import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { seedIdentityDemo } from "@sesame/identity/demo/demo-data";
import { type IdentityHarness, startTestIdentity } from "@sesame/identity/testing/identity-harness";
import { testTargets } from "@sesame/kit/db/test-databases";
import { insertDossier } from "../dossiers/dossier-queries";
import type { Firm, Staff } from "../firms/firm-queries";
import {
  PortalBrowser,
  type PortalHarness,
  pageText,
  seedTestFirm,
  startTestPortal,
} from "../testing/portal-harness";
import { rewriteInvitations } from "./invitation-test-support";

for (const target of await testTargets()) {
  describe(`invitations and the onboarding guide (${target.label})`, () => {
    let identity: IdentityHarness;
    let h: PortalHarness;
    let firm: Firm;
    let admin: Staff;
    let staff: PortalBrowser;
    before(async () => {
      identity = await startTestIdentity(target, { listen: true });
      await seedIdentityDemo(identity.identity.ctx);
      h = await startTestPortal(target, { authority: identity.identity.url, ca: identity.identity.ca });
      ({ firm, admin } = await seedTestFirm(h.ctx));
      await insertDossier(h.ctx.db, firm.id, {
        name: "Boulangerie Martin",
        siren: "812345676",
        siret: null,
        address: "x",
        accountantId: null,
        status: "active",
      });
      staff = new PortalBrowser(h);
      await staff.signInAs(admin);
    });
    after(async () => {
      await h.close();
      await identity.close();
    });

    const mailsTo = (to: string) =>
      h.ctx.db
        .selectFrom("mail_outbox")
        .selectAll()
        .where("to_address", "=", to)
        .orderBy("created_at")
        .execute();
    /** The firm's page of the contact with this address, opened by staff (so its forms carry a token). */
    const openContact = async (email: string) => {
      const contact = await h.ctx.db
        .selectFrom("contact")
        .select("id")
        .where("email_normalized", "=", email)
        .executeTakeFirstOrThrow();
      await staff.get(`/YPN/interlocuteurs/${contact.id}`);
      return contact;
    };
    const linkIn = (text: string) => /https:\/\/\S+\/YPN\/guide\/([\w-]+)/.exec(text)?.[1] ?? "";

    async function create(email: string, language = "fr", invite = "1") {
      await staff.get("/YPN/interlocuteurs/new");
      const response = await staff.post("/YPN/interlocuteurs/new", {
        civility: "mme",
        first_name: "Camille",
        last_name: "Collaboratif",
        email,
        phone: "06 12 34 56 78",
        language,
        dossier_siren: "812345676",
        can_read: "1",
        can_upload: "1",
        invite,
      });
      assert.equal(response.statusCode, 303, pageText(response.body));
      return String(response.headers.location);
    }

    it("inviting a gmail address: readiness 'no account', a French mail with a personal link, state 'account missing'", async () => {
      const page = await staff.get(await create("client.collaboratif@gmail.com"));
      const text = pageText(page.body);
      assert.match(text, /Pas de compte Microsoft/);
      assert.match(text, /Compte à créer/);
      const [mail] = await mailsTo("client.collaboratif@gmail.com");
      assert.ok(mail);
      assert.equal(mail.subject, "Cabinet YPN vous invite à son espace collaboratif");
      const token = linkIn(mail.text_body);
      assert.ok(token.length > 30);
      const stored = await h.ctx.db.selectFrom("invitation").select("token_hash").executeTakeFirstOrThrow();
      assert.notEqual(stored.token_hash, token);
    });

    it("the guide shows only the next step: create a free Microsoft account, with the email and the way back", async () => {
      const [mail] = await mailsTo("client.collaboratif@gmail.com");
      const token = linkIn(mail?.text_body ?? "");
      const guide = await new PortalBrowser(h).get(`/YPN/guide/${token}`);
      assert.equal(guide.statusCode, 200);
      const text = pageText(guide.body);
      assert.match(text, /Créer un compte Microsoft gratuit/);
      assert.doesNotMatch(text, /Se connecter avec Microsoft/);
      assert.doesNotMatch(text, /lien d'approbation/);
      const href = /href="([^"]*\/signup\?[^"]*)"/.exec(guide.body)?.[1]?.replace(/&amp;/g, "&") ?? "";
      const url = new URL(href);
      assert.equal(url.origin, identity.identity.url);
      assert.equal(url.searchParams.get("email"), "client.collaboratif@gmail.com");
      // Back from the sign-up straight into the portal's sign-in (issue 13, defect 11).
      assert.match(url.searchParams.get("return_url") ?? "", new RegExp(`/YPN/guide/${token}/signin$`));
    });

    it("a resend is a reminder of the same invitation: both links open the guide, the page counts two sendings and says so", async () => {
      const contact = await openContact("client.collaboratif@gmail.com");
      const resend = await staff.post(`/YPN/interlocuteurs/${contact.id}/invite`, {});
      assert.equal(resend.statusCode, 303);
      assert.match(String(resend.headers.location), /done=reminded/);
      const [first, second] = await mailsTo("client.collaboratif@gmail.com");
      const old = await new PortalBrowser(h).get(`/YPN/guide/${linkIn(first?.text_body ?? "")}`);
      assert.equal(old.statusCode, 200);
      assert.doesNotMatch(pageText(old.body), /annulée/);
      const fresh = await new PortalBrowser(h).get(`/YPN/guide/${linkIn(second?.text_body ?? "")}`);
      assert.equal(fresh.statusCode, 200);
      const invitations = await h.ctx.db
        .selectFrom("invitation")
        .selectAll()
        .where("contact_id", "=", contact.id)
        .execute();
      assert.equal(invitations.length, 1);
      assert.equal(invitations[0]?.send_count, 2);
      const page = pageText((await staff.get(String(resend.headers.location))).body);
      assert.match(page, /Rappel envoyé/);
      assert.match(page, /Invitation envoyée 2 fois, dernier envoi le/);
    });

    it("revoking asks first: a confirmation page with a danger button, then every link stops", async () => {
      const contact = await openContact("client.collaboratif@gmail.com");
      const confirm = await staff.get(`/YPN/interlocuteurs/${contact.id}/revoke`);
      assert.equal(confirm.statusCode, 200);
      assert.match(pageText(confirm.body), /Les liens déjà envoyés ne fonctionneront plus/);
      assert.match(
        confirm.body,
        /<button type="submit" class="danger">Oui, révoquer l&#39;invitation<\/button>/,
      );
      const page = await staff.get(`/YPN/interlocuteurs/${contact.id}`);
      assert.doesNotMatch(
        page.body,
        /action="[^"]*\/revoke"/,
        "the contact's page only links to the confirmation",
      );
    });

    it("a revoked invitation says so, and the firm sees 'revoked'", async () => {
      const contact = await openContact("client.collaboratif@gmail.com");
      await staff.get(`/YPN/interlocuteurs/${contact.id}/revoke`);
      const revoked = await staff.post(`/YPN/interlocuteurs/${contact.id}/revoke`, {});
      assert.match(pageText((await staff.get(String(revoked.headers.location))).body), /Invitation annulée/);
      for (const mail of await mailsTo("client.collaboratif@gmail.com")) {
        const guide = await new PortalBrowser(h).get(`/YPN/guide/${linkIn(mail.text_body)}`);
        assert.equal(guide.statusCode, 410);
        assert.match(pageText(guide.body), /annulée par le cabinet/);
      }
      assert.match(
        pageText((await staff.get(`/YPN/interlocuteurs/${contact.id}`)).body),
        /Invitation révoquée/,
      );
      const list = pageText((await staff.get("/YPN/interlocuteurs")).body);
      assert.match(list, /client\.collaboratif@gmail\.com .*Invitation révoquée/);
    });

    it("an invitation older than 14 days has expired, and the firm sees 'expired'", async () => {
      const location = await create("camille.durand@outlook.fr", "en");
      const [mail] = await mailsTo("camille.durand@outlook.fr");
      assert.equal(mail?.subject, "Cabinet YPN invites you to its collaborative space");
      await rewriteInvitations(h.ctx.db, { expires_at: Date.now() - 1 }, (q) =>
        q.where("revoked_at", "is", null),
      );
      const guide = await new PortalBrowser(h).get(`/YPN/guide/${linkIn(mail?.text_body ?? "")}`);
      assert.equal(guide.statusCode, 410);
      assert.match(pageText(guide.body), /a expiré/);
      assert.match(pageText((await staff.get(location)).body), /Invitation expirée/);
      const unknown = await new PortalBrowser(h).get("/YPN/guide/not-a-real-token");
      assert.equal(unknown.statusCode, 404);
    });

    it("a personal account goes straight to 'Se connecter avec Microsoft'", async () => {
      const contact = await openContact("camille.durand@outlook.fr");
      await staff.post(`/YPN/interlocuteurs/${contact.id}/invite`, {});
      const mails = await mailsTo("camille.durand@outlook.fr");
      const guide = await new PortalBrowser(h).get(`/YPN/guide/${linkIn(mails.at(-1)?.text_body ?? "")}`);
      assert.match(pageText(guide.body), /Sign in with Microsoft|Se connecter avec Microsoft/);
      assert.doesNotMatch(
        pageText(guide.body),
        /Créer un compte Microsoft gratuit|Create a free Microsoft account/,
      );
    });

    it("a work account whose tenant has not approved: who must approve, why, the link, and forwarding it by mail", async () => {
      await create("emma.petit@boulangerie-martin.fr");
      const [mail] = await mailsTo("emma.petit@boulangerie-martin.fr");
      const token = linkIn(mail?.text_body ?? "");
      const person = new PortalBrowser(h);
      const guide = await person.get(`/YPN/guide/${token}`);
      const text = pageText(guide.body);
      assert.match(text, /Administrateur général ou un Administrateur d'application/);
      assert.match(text, /Pourquoi \?/);
      const link = new URL(
        /<code class="link">([^<]+)<\/code>/.exec(guide.body)?.[1]?.replace(/&amp;/g, "&") ?? "",
      );
      assert.equal(link.origin + link.pathname, `${identity.identity.url}/common/oauth2/authorize`);
      assert.equal(link.searchParams.get("client_id"), "ff28182b-b927-4697-9f0e-3d38e40971a8");
      assert.equal(link.searchParams.get("redirect_uri"), `${h.ctx.origin}/YPN/authorize`);
      assert.equal(link.searchParams.get("resource"), "https://graph.microsoft.com/");
      assert.equal(link.searchParams.get("response_type"), "code");
      assert.equal(link.searchParams.get("response_mode"), "");
      assert.ok(link.searchParams.get("state"));
      const forwarded = await person.post(`/YPN/guide/${token}/forward`, {
        admin_email: "sophie.martin@boulangerie-martin.fr",
      });
      assert.equal(forwarded.statusCode, 200);
      assert.match(pageText(forwarded.body), /a été envoyé à sophie.martin@boulangerie-martin.fr/);
      const [adminMail] = await mailsTo("sophie.martin@boulangerie-martin.fr");
      assert.ok(adminMail?.text_body.includes(link.href.replace(/&response_mode=&/, "&response_mode=&")));
      const badForward = await person.post(`/YPN/guide/${token}/forward`, { admin_email: "nope" });
      assert.equal(badForward.statusCode, 400);
    });

    it("the approval step explains Microsoft's approval request; once the person sent one, the firm sees 'approval requested'", async () => {
      const [mail] = await mailsTo("emma.petit@boulangerie-martin.fr");
      const token = linkIn(mail?.text_body ?? "");
      const person = new PortalBrowser(h);
      const guide = await person.get(`/YPN/guide/${token}`);
      const text = pageText(guide.body);
      assert.match(text, /Demander l'approbation/);
      assert.match(text, /les approbateurs de votre organisation la reçoivent par courrier/);
      assert.match(guide.body, new RegExp(`href="/YPN/guide/${token}/signin"`));
      const before = await openContact("emma.petit@boulangerie-martin.fr");
      assert.match(
        pageText((await staff.get(`/YPN/interlocuteurs/${before.id}`)).body),
        /Approbation en attente/,
      );
      const told = await person.post(`/YPN/guide/${token}/approval-requested`, {});
      assert.equal(told.statusCode, 303);
      const after = await person.get(`/YPN/guide/${token}`);
      assert.match(pageText(after.body), /Demande notée/);
      const page = await staff.get(`/YPN/interlocuteurs/${before.id}`);
      assert.match(pageText(page.body), /Approbation demandée/);
    });

    it("English: the guide speaks the contact's chosen language over the browser's, and the firm's English pages have an English header and English typography", async () => {
      const location = await create("english.client@gmail.com", "en");
      const [mail] = await mailsTo("english.client@gmail.com");
      assert.equal(mail?.subject, "Cabinet YPN invites you to its collaborative space");
      const frenchBrowser = new PortalBrowser(h, "fr");
      const guide = await frenchBrowser.get(`/YPN/guide/${linkIn(mail?.text_body ?? "")}`);
      assert.match(guide.body, /<html lang="en">/);
      assert.match(pageText(guide.body), /Create a free Microsoft account/);
      assert.doesNotMatch(pageText(guide.body), /Espace collaboratif/);

      const english = new PortalBrowser(h, "en");
      await english.signInAs(admin);
      const page = pageText((await english.get(location)).body);
      // The firm's own name in the header (issue 13's branding), never the untranslated portal name.
      assert.match(page, /^ ?\S.* Cabinet YPN Skip to content Cabinet YPN /);
      assert.doesNotMatch(page, /Espace collaboratif/);
      assert.match(page, /Status: Account to create/);
      assert.match(page, /Invitation sent on .*, valid until/);
      assert.doesNotMatch(page, /\(s\)| :/, "no French plurals or spaces before colons in English");
      const contact = await h.ctx.db
        .selectFrom("contact_dossier")
        .innerJoin("contact", "contact.id", "contact_dossier.contact_id")
        .select("contact_dossier.dossier_id")
        .where("contact.email_normalized", "=", "english.client@gmail.com")
        .executeTakeFirstOrThrow();
      const dossier = pageText((await english.get(`/YPN/dossiers/${contact.dossier_id}`)).body);
      assert.match(dossier, /Rights: Read, Upload documents/);
      assert.doesNotMatch(dossier, / :/);
    });
  });
}
