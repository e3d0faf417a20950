import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { GRAPH_APP_ID } from "@sesame/identity/apps/graph-app";
import { assignAppRole } from "@sesame/identity/consent/consent-queries";
import { seedOrganization } from "@sesame/identity/demo/organization-seed";
import { registerTestApp } from "@sesame/identity/oauth/testing/oauth-fixtures";
import { acceptConsent } from "@sesame/identity/oauth/testing/sign-in-pages";
import { fastArgon2 } from "@sesame/identity/tenants/directory-test-support";
import { deliveredMail } from "@sesame/identity/testing/delivered-mail";
import { Browser, type IdentityHarness, startTestIdentity } from "@sesame/identity/testing/identity-harness";
import { testTargets } from "@sesame/kit/db/test-databases";
import { decodeJwt } from "jose";
import { MsalProcess } from "./msal-process-driver";

const [target] = await testTargets();
/** Graph's User.Invite.All application permission. */
const USER_INVITE_ALL = "09850681-111b-4a89-9bed-3f2cae46d706";
const field = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]?.replace(/&amp;/g, "&") ?? "";

describe("MSAL Node: a firm invites a guest with its client-credentials token, the guest's tokens say so", () => {
  let h: IdentityHarness;
  let firmId: string;
  let client: Awaited<ReturnType<typeof registerTestApp>>;
  let guestId: string;
  let redeemUrl: string;

  before(async () => {
    h = await startTestIdentity(target!, { listen: true, env: fastArgon2 });
    const firm = await seedOrganization(h.identity.ctx, {
      displayName: "Cabinet Dupont",
      country: "FR",
      prefix: "cabinetdupontmsal",
      users: [
        {
          userName: "ga",
          displayName: "Gaëlle Admin",
          password: "Ga-Secret-1234",
          roles: ["globalAdministrator"],
        },
      ],
    });
    firmId = firm.tenant.id;
    client = await registerTestApp(h.identity.ctx, { tenantId: firmId, name: "Portail du cabinet" });
    await assignAppRole(h.identity.ctx.db, {
      clientAppId: client.clientId,
      resourceAppId: GRAPH_APP_ID,
      tenantId: firmId,
      appRoleId: USER_INVITE_ALL,
    });
  });
  after(() => h.close());

  it("invites through Graph with MSAL's client-credentials token", async () => {
    const { result, error } = await new MsalProcess(
      {
        kind: "client-secret",
        authority: `${h.identity.url}/${firmId}`,
        knownAuthority: new URL(h.identity.url).host,
        clientId: client.clientId,
        clientSecret: client.secret,
        scopes: ["https://graph.microsoft.com/.default"],
      },
      h.identity.caFile,
    ).outcome();
    assert.equal(error, undefined, JSON.stringify(error));
    const token = String(result?.accessToken);
    assert.deepEqual(decodeJwt(token).roles, ["User.Invite.All"]);
    const invited = await h.app.inject({
      method: "POST",
      url: "/v1.0/invitations",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      payload: {
        invitedUserEmailAddress: "nina@gmail.com",
        inviteRedirectUrl: "https://app.example/callback",
      },
    });
    assert.equal(invited.statusCode, 201, invited.body);
    guestId = invited.json().invitedUser.id;
    redeemUrl = invited.json().inviteRedeemUrl;
    assert.equal(invited.json().status, "PendingAcceptance");
  });

  it("gives the guest who redeemed with an e-mailed code ID and access tokens with acct, idp, tid and oid", async () => {
    const browser = new Browser(h.app, "en");
    const url = new URL(redeemUrl);
    await browser.get(url.pathname + url.search);
    await browser.post("/guest/otp/send", { tenant: firmId, email: "nina@gmail.com" });
    const code =
      /: (\d{4,8})/.exec((await deliveredMail(h.identity.ctx, "nina@gmail.com")).text_body)?.[1] ?? "";
    const verified = await browser.post("/guest/otp/verify", {
      tenant: firmId,
      email: "nina@gmail.com",
      code,
    });
    const kmsi = await browser.post("/login/kmsi", {
      sid: field(verified.body, "sid"),
      return: field(verified.body, "return"),
      answer: "no",
    });
    const review = await browser.get(String(kmsi.headers.location));
    await browser.post("/redeem/review", {
      guest: guestId,
      sid: field(review.body, "sid"),
      answer: "accept",
    });

    const msal = new MsalProcess(
      {
        kind: "auth-code",
        authority: `${h.identity.url}/${firmId}`,
        knownAuthority: new URL(h.identity.url).host,
        clientId: client.clientId,
        clientSecret: client.secret,
        redirectUri: client.redirect,
        scopes: ["User.Read"],
      },
      h.identity.caFile,
    );
    const { authorizeUrl } = (await msal.next()) as { authorizeUrl: string };
    const authorize = new URL(authorizeUrl);
    let page = await browser.get(authorize.pathname + authorize.search);
    page = await acceptConsent(browser, page, authorize.pathname);
    assert.equal(page.statusCode, 302, page.body);
    msal.send({ code: new URL(String(page.headers.location)).searchParams.get("code") ?? "" });
    const { result, error } = await msal.outcome();
    assert.equal(error, undefined, JSON.stringify(error));
    for (const token of [String(result?.idToken), String(result?.accessToken)]) {
      const claims = decodeJwt(token);
      assert.equal(claims.acct, 1);
      assert.equal(claims.idp, "mail");
      assert.equal(claims.tid, firmId);
      assert.equal(claims.oid, guestId);
    }
    assert.equal(result?.homeAccountId, `${guestId}.${firmId}`);
  });
});
