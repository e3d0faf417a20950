import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { signIn } from "../tenants/directory-test-support";
import { deliveredMail } from "../testing/delivered-mail";
import { Browser } from "../testing/identity-harness";
import { type GuestWorld, startGuestWorld } from "./guest-test-kit";

for (const target of await testTargets()) {
  describe(`Guests in the admin centre (${target.label})`, () => {
    let w: GuestWorld;
    let admin: Browser;
    before(async () => {
      w = await startGuestWorld(target);
      admin = new Browser(w.h.app, "fr");
      await signIn(admin, "ga@cabinet-dupont.fr", "Ga-Secret-1234");
    });
    after(() => w.h.close());
    const ctx = () => w.h.identity.ctx;
    const guestOf = (email: string) =>
      ctx().db.selectFrom("guest").selectAll().where("email_normalized", "=", email).executeTakeFirst();

    it("invites from the admin centre with a mail, lists the guest, re-invites with reset redemption", async () => {
      await admin.get("/admin/guests");
      const invited = await admin.post("/admin/guests/invite", {
        email: "rose@gmail.com",
        displayName: "Rose Client",
        message: "Bienvenue au cabinet.",
      });
      assert.equal(invited.statusCode, 303);
      const mail = await deliveredMail(ctx(), "rose@gmail.com");
      assert.ok(mail.text_body.includes("Bienvenue au cabinet."));
      const page = await admin.get("/admin/guests");
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Rose Client/);
      assert.match(page.body, /En attente d.{1,6}acceptation/);
      const guest = await guestOf("rose@gmail.com");
      assert.ok(guest);
      await ctx()
        .db.updateTable("guest")
        .set({ external_user_state: "Accepted", redeemed_idp: "mail" })
        .where("account_id", "=", guest.account_id)
        .execute();
      await admin.get("/admin/guests");
      const again = await admin.post("/admin/guests/reinvite", { guest: guest.account_id });
      assert.equal(again.statusCode, 303);
      const after = await guestOf("rose@gmail.com");
      assert.equal(after?.external_user_state, "PendingAcceptance");
      assert.notEqual(after?.redeem_token_hash, guest.redeem_token_hash);
    });

    it("deletes a guest, and refuses to delete a member through the guests page", async () => {
      const guest = await guestOf("rose@gmail.com");
      await admin.get("/admin/guests");
      const member = w.firm.users.get("plain");
      const refused = await admin.post("/admin/guests/delete", { guest: member?.id ?? "" });
      assert.equal(refused.statusCode, 404);
      await admin.get("/admin/guests");
      const deleted = await admin.post("/admin/guests/delete", { guest: guest?.account_id ?? "" });
      assert.equal(deleted.statusCode, 303);
      assert.equal(await guestOf("rose@gmail.com"), undefined);
      const account = await ctx()
        .db.selectFrom("account")
        .select("id")
        .where("id", "=", guest?.account_id ?? "")
        .executeTakeFirst();
      assert.equal(account, undefined);
    });

    it("saves the external collaboration settings, which the invitation and the passcode then follow", async () => {
      await admin.get("/admin/guests");
      const saved = await admin.post("/admin/guests/settings", {
        allowInvitesFrom: "adminsGuestInvitersAndAllMembers",
        order: "emailOneTimePasscode,microsoftAccount",
        privacyUrl: "https://cabinet-dupont.fr/confidentialite",
      });
      assert.equal(saved.statusCode, 303);
      const page = await admin.get("/admin/guests");
      assert.match(page.body, /value="adminsGuestInvitersAndAllMembers" selected/);
      assert.doesNotMatch(page.body, /id="otp" name="emailOtp" type="checkbox" value="1" checked/);
      // Members may now invite through Graph.
      const byMember = await w.graph(
        "POST",
        "/v1.0/invitations",
        await w.userToken("plain", "User.Invite.All"),
        {
          invitedUserEmailAddress: "sam@gmail.com",
          inviteRedirectUrl: "https://portal.example/",
        },
      );
      assert.equal(byMember.status, 201);
      // The passcode is off: the redeem link sends a guest without an account to create one.
      const url = new URL(byMember.body.inviteRedeemUrl);
      const start = await new Browser(w.h.app, "en").get(url.pathname + url.search);
      assert.equal(start.statusCode, 303);
      assert.match(String(start.headers.location), /^\/signup/);
    });

    it("refuses the settings to a plain member", async () => {
      const plain = new Browser(w.h.app, "en");
      await signIn(plain, "plain@cabinet-dupont.fr", "Plain-Secret-1234");
      const page = await plain.get("/admin/guests");
      assert.notEqual(page.statusCode, 200);
    });
  });
}
