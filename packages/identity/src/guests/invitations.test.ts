import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { deliveredMail } from "../testing/delivered-mail";
import { type GuestWorld, startGuestWorld } from "./guest-test-kit";

const REDIRECT = "https://portal.example/YPN/dossiers";

for (const target of await testTargets()) {
  describe(`Graph POST /invitations (${target.label})`, () => {
    let w: GuestWorld;
    before(async () => {
      w = await startGuestWorld(target);
    });
    after(() => w.h.close());

    const invite = (token: string, body: Record<string, unknown>) =>
      w.graph("POST", "/v1.0/invitations", token, { inviteRedirectUrl: REDIRECT, ...body });

    it("creates the guest user at once and answers with Microsoft's invitation shape", async () => {
      const token = await w.appToken(["User.Invite.All"]);
      const r = await invite(token, {
        invitedUserEmailAddress: "Alice.Martin@gmail.com",
        invitedUserDisplayName: "Alice Martin",
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(
        r.body["@odata.context"],
        "https://graph.microsoft.com/v1.0/$metadata#invitations/$entity",
      );
      assert.equal(r.body.status, "PendingAcceptance");
      assert.equal(r.body.invitedUserType, "Guest");
      assert.equal(r.body.invitedUserEmailAddress, "Alice.Martin@gmail.com");
      assert.equal(r.body.inviteRedirectUrl, REDIRECT);
      assert.equal(r.body.sendInvitationMessage, false);
      assert.match(r.body.id, /^[0-9a-f-]{36}$/);
      assert.ok(r.body.inviteRedeemUrl.startsWith(`${w.h.identity.ctx.origin}/redeem?rd=`));
      const users = await w.graph("GET", "/v1.0/users", await w.appToken(["User.Read.All"]));
      const guest = users.body.value.find((u: { id: string }) => u.id === r.body.invitedUser.id);
      assert.equal(guest.userPrincipalName, "Alice.Martin_gmail.com#EXT#@cabinetdupont.onmicrosoft.com");
      assert.equal(guest.mail, "Alice.Martin@gmail.com");
      assert.equal(guest.displayName, "Alice Martin");
      const one = await w.graph(
        "GET",
        `/v1.0/users/${r.body.invitedUser.id}?$select=userType,externalUserState,externalUserStateChangeDateTime,identities,mail`,
        await w.appToken(["User.Read.All"]),
      );
      assert.equal(one.body.userType, "Guest");
      assert.equal(one.body.externalUserState, "PendingAcceptance");
      assert.match(one.body.externalUserStateChangeDateTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.equal(one.body.identities[0].issuerAssignedId, "Alice.Martin@gmail.com");
    });

    it("lists guests only with $filter=userType eq 'Guest'", async () => {
      const token = await w.appToken(["User.Read.All"]);
      const guests = await w.graph("GET", "/v1.0/users?$filter=userType%20eq%20'Guest'", token);
      assert.equal(guests.status, 200);
      assert.deepEqual(
        guests.body.value.map((u: { mail: string }) => u.mail),
        ["Alice.Martin@gmail.com"],
      );
      const members = await w.graph("GET", "/v1.0/users?$filter=userType%20eq%20'Member'", token);
      assert.equal(members.body.value.length, 3);
    });

    it("refuses an app without User.Invite.All with a 403 OData error", async () => {
      const r = await invite(await w.appToken(["User.Read.All"]), {
        invitedUserEmailAddress: "bob@gmail.com",
      });
      assert.equal(r.status, 403);
      assert.equal(r.body.error.code, "Authorization_RequestDenied");
      assert.ok(r.body.error.innerError["request-id"]);
    });

    it("refuses a delegated call by a plain member, accepts a Guest Inviter and a Global Administrator", async () => {
      const plain = await invite(await w.userToken("plain", "User.Invite.All"), {
        invitedUserEmailAddress: "bob@gmail.com",
      });
      assert.equal(plain.status, 403);
      assert.equal(plain.body.error.code, "Authorization_RequestDenied");
      const noScope = await invite(await w.userToken("ga", "User.Read"), {
        invitedUserEmailAddress: "bob@gmail.com",
      });
      assert.equal(noScope.status, 403);
      const inviter = await invite(await w.userToken("inviter", "User.Invite.All"), {
        invitedUserEmailAddress: "bob@gmail.com",
      });
      assert.equal(inviter.status, 201);
      const ga = await invite(await w.userToken("ga", "User.Invite.All"), {
        invitedUserEmailAddress: "carole@outlook.fr",
      });
      assert.equal(ga.status, 201);
    });

    it("refuses, clearly, an address that belongs to a member of the tenant", async () => {
      const r = await invite(await w.appToken(["User.Invite.All"]), {
        invitedUserEmailAddress: "plain@cabinet-dupont.fr",
      });
      assert.equal(r.status, 400);
      assert.equal(r.body.error.code, "Request_BadRequest");
      assert.match(r.body.error.message, /already exists in the directory as a member/);
    });

    it("refuses a body without a valid redirect URL or address as a Graph 400", async () => {
      const token = await w.appToken(["User.Invite.All"]);
      const noUrl = await w.graph("POST", "/v1.0/invitations", token, {
        invitedUserEmailAddress: "x@gmail.com",
      });
      assert.equal(noUrl.status, 400);
      assert.equal(noUrl.body.error.code, "Request_BadRequest");
      const badAddress = await invite(token, { invitedUserEmailAddress: "not an address" });
      assert.equal(badAddress.status, 400);
    });

    it("mails the invitation with the organisation's name, the custom message and the redeem link (FR)", async () => {
      const r = await invite(await w.appToken(["User.Invite.All"]), {
        invitedUserEmailAddress: "denise@gmail.com",
        sendInvitationMessage: true,
        invitedUserMessageInfo: { customizedMessageBody: "Vos bilans sont prêts.", messageLanguage: "fr-FR" },
      });
      assert.equal(r.status, 201);
      assert.equal(r.body.invitedUserMessageInfo.customizedMessageBody, "Vos bilans sont prêts.");
      const mail = await deliveredMail(w.h.identity.ctx, "denise@gmail.com");
      assert.match(mail.subject, /Cabinet Dupont vous a invité/);
      assert.ok(mail.text_body.includes("Vos bilans sont prêts."));
      assert.ok(mail.text_body.includes(r.body.inviteRedeemUrl));
      assert.ok(mail.html_body.includes(r.body.inviteRedeemUrl));
    });

    it("mails in English by default and sends nothing when sendInvitationMessage is false", async () => {
      const token = await w.appToken(["User.Invite.All"]);
      await invite(token, { invitedUserEmailAddress: "silent@gmail.com" });
      await invite(token, { invitedUserEmailAddress: "eve@gmail.com", sendInvitationMessage: true });
      const mail = await deliveredMail(w.h.identity.ctx, "eve@gmail.com");
      assert.match(mail.subject, /Cabinet Dupont invited you/);
      const silent = await w.h.identity.ctx.db
        .selectFrom("mail_outbox")
        .select("id")
        .where("to_address", "=", "silent@gmail.com")
        .execute();
      assert.equal(silent.length, 0);
    });

    it("makes one guest object of two invitations of one address racing", async () => {
      const token = await w.appToken(["User.Invite.All"]);
      const [a, b] = await Promise.all([
        invite(token, { invitedUserEmailAddress: "race@gmail.com" }),
        invite(token, { invitedUserEmailAddress: "race@gmail.com" }),
      ]);
      assert.equal(a.status, 201);
      assert.equal(b.status, 201);
      assert.equal(a.body.invitedUser.id, b.body.invitedUser.id);
      const rows = await w.h.identity.ctx.db
        .selectFrom("guest")
        .select("account_id")
        .where("email_normalized", "=", "race@gmail.com")
        .execute();
      assert.equal(rows.length, 1);
    });
  });
}
