import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import type { Staff } from "../firms/firm-queries";
import {
  PortalBrowser,
  type PortalHarness,
  pageText,
  seedTestFirm,
  startTestPortal,
} from "../testing/portal-harness";

/** A form whose upload was cut off: its one part never ends. */
const CUT_BODY = '--cut\r\ncontent-disposition: form-data; name="file"; filename="a.csv"\r\n\r\nciv';

for (const target of await testTargets()) {
  describe(`a small upload form cut off in transit (${target.label})`, () => {
    let h: PortalHarness;
    let admin: Staff;
    before(async () => {
      h = await startTestPortal(target);
      ({ admin } = await seedTestFirm(h.ctx));
    });
    after(() => h.close());

    for (const [form, url, words] of [
      ["the firm's logo", "/YPN/branding", /L'envoi du formulaire a été interrompu : réessayez\./],
      [
        "the contacts' CSV import",
        "/YPN/onboarding/import",
        /Choisissez à nouveau le fichier, puis envoyez\./,
      ],
    ] as const) {
      it(`${form}: a 400 that says so in the user's words, not a 500`, async () => {
        const browser = new PortalBrowser(h, "fr");
        await browser.signInAs(admin);
        const response = await h.app.inject({
          method: "POST",
          url,
          headers: {
            cookie: browser.cookieHeader,
            accept: "text/html",
            "accept-language": "fr",
            "content-type": "multipart/form-data; boundary=cut",
          },
          payload: CUT_BODY,
        });
        assert.equal(response.statusCode, 400);
        assert.match(pageText(response.body), words);
      });
    }
  });
}
