import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { demoPersonalAccount, seedIdentityDemo } from "../demo/demo-data";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";

for (const target of await testTargets()) {
  describe(`sign-in with email then password (${target.label})`, () => {
    let h: IdentityHarness;
    before(async () => {
      h = await startTestIdentity(target);
      await seedIdentityDemo(h.identity.ctx);
    });
    after(() => h.close());

    it("signs a known account in and shows its account page", async () => {
      const browser = new Browser(h.app);
      await browser.get("/login");
      const step = await browser.post("/login", { email: demoPersonalAccount.email });
      assert.equal(step.statusCode, 200);
      assert.match(browser.html, /Entrez le mot de passe/);
      const done = await browser.post("/login/password", {
        email: demoPersonalAccount.email,
        password: demoPersonalAccount.password,
      });
      assert.equal(done.statusCode, 303);
      assert.ok(browser.cookie("__Host-session"));
      const page = await browser.get("/account");
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /camille\.durand@outlook\.fr/);
    });

    it("answers a wrong password and an unknown account with the same words", async () => {
      const a = new Browser(h.app, "en");
      await a.get("/login");
      await a.post("/login", { email: demoPersonalAccount.email });
      const wrong = await a.post("/login/password", {
        email: demoPersonalAccount.email,
        password: "nope-nope-nope",
      });
      const b = new Browser(h.app, "en");
      await b.get("/login");
      await b.post("/login", { email: "nobody@example.org" });
      const unknown = await b.post("/login/password", {
        email: "nobody@example.org",
        password: "nope-nope-nope",
      });
      assert.equal(wrong.statusCode, 400);
      assert.equal(unknown.statusCode, 400);
      const message = /role="alert">([^<]+)</;
      assert.equal(message.exec(wrong.body)?.[1], message.exec(unknown.body)?.[1]);
      assert.match(wrong.body, /Your account or password is incorrect/);
    });

    it("refuses a form posted without its CSRF token", async () => {
      const browser = new Browser(h.app, "en");
      await browser.get("/login");
      const response = await browser.post("/login", { email: demoPersonalAccount.email, _csrf: null });
      assert.equal(response.statusCode, 403);
      assert.match(response.body, /This form has expired/);
    });

    it("never follows a return address to another site", async () => {
      const browser = new Browser(h.app);
      await browser.get("/login");
      await browser.post("/login", { email: demoPersonalAccount.email });
      const done = await browser.post("/login/password", {
        email: demoPersonalAccount.email,
        password: demoPersonalAccount.password,
        return: "//evil.example/steal",
      });
      assert.equal(done.headers.location, "/");
    });
  });
}
