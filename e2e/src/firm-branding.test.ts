import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { deflateSync } from "node:zlib";
import {
  adminContext,
  browserContext,
  check,
  invitedWithoutAccount,
  useReturnStack,
} from "./support/onboarding-return-test-support";
import { latestMail } from "./support/servers";

/** A 24×24 PNG logo (a filled square in the firm's colour), made here so the test needs no file. */
const LOGO = (() => {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const size = 24;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(Array.from({ length: size }, () => [0x7a, 0x1f, 0x3d]).flat()),
  ]);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
})();

/** Issue 13: the firm's own image, from the branding page to the guide a new client opens, in Chromium. */
describe("issue 13: the firm's logo and colour on the guide and the signed-in header", () => {
  const running = useReturnStack();

  it("branding (fr desktop, en phone): the admin sets a logo and a colour; the guide and the signed-in header show the firm, not the portal", async () => {
    const fr = await adminContext(running(), "fr", false);
    const page = await fr.newPage();
    await page.goto(`${running().portalUrl}/YPN/branding`);
    await page.getByLabel("Couleur des boutons et du bandeau (#rrggbb, facultatif)").fill("#ffee00");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: /trop claire pour du texte blanc/ })
      .waitFor();
    await check(page, "issue13-fr-desktop-branding-refused");
    await page.getByLabel("Nouveau logo (facultatif)").setInputFiles({
      name: "logo.png",
      mimeType: "image/png",
      buffer: LOGO,
    });
    await page.getByLabel("Couleur des boutons et du bandeau (#rrggbb, facultatif)").fill("#7a1f3d");
    await page.getByLabel("Nom d'expéditeur (facultatif)").fill("YPN Expertise – vos dossiers");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByRole("status").filter({ hasText: "Image du cabinet enregistrée." }).waitFor();
    const brand = page.locator("header .brand");
    assert.match((await brand.textContent()) ?? "", /Cabinet Yvelines Partenaires Numériques/);
    assert.ok(
      await brand.locator("img").evaluate((img) => (img as HTMLImageElement).naturalWidth > 0),
      "the logo loads",
    );
    const accent = await page
      .getByRole("button", { name: "Enregistrer" })
      .evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.equal(accent, "rgb(122, 31, 61)", "the firm's colour on the primary button");
    await check(page, "issue13-fr-desktop-branding-saved");
    await fr.close();

    const email = "nina.marque@gmail.com";
    const guide = await invitedWithoutAccount(running(), "en", email, "Marque");
    const mail = await latestMail(running().stack.identity, email, { subject: /invites you/ });
    assert.match(mail.html, /\/YPN\/logo\?v=\d+" alt="Cabinet Yvelines Partenaires Numériques"/);
    const phone = await browserContext(running().browser, "en", true);
    const client = await phone.newPage();
    await client.goto(guide);
    await client.getByRole("heading", { name: "Create a free Microsoft account" }).waitFor();
    const header = (await client.locator("header .brand").textContent()) ?? "";
    assert.match(header, /Cabinet Yvelines Partenaires Numériques/);
    assert.doesNotMatch(header, /Collaborative space/);
    assert.ok(
      await client.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      "no sideways scrolling",
    );
    await check(client, "issue13-en-phone-guide-branded");
    await phone.close();
  });
});
