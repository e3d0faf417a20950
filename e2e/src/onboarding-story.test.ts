import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { DAY_MS } from "@sesame/kit/db/expiry-sweeper";
import type { BrowserContext, Page } from "playwright-core";
import { newContext } from "./support/chromium";
import { passIdentity } from "./support/identity-steps";
import {
  bell,
  CSV,
  camille,
  check,
  claire,
  deliverAll,
  emma,
  everyone,
  expected,
  funnel,
  guideLink,
  mailbox,
  others,
  postgres,
  runJobs,
  sophie,
  useOnboardingStory,
} from "./support/onboarding-story-test-support";
import { latestMail } from "./support/servers";

describe("the 20-contact onboarding story in Chromium (fr), two portal instances on PostgreSQL", {
  skip: postgres ? false : "PostgreSQL is not reachable",
}, () => {
  const story = useOnboardingStory();
  let staff: { context: BrowserContext; page: Page };

  it("the accountant imports 20 contacts from a CSV file, checks it, then imports and invites everyone: the funnel shows 20 invited", async () => {
    const context = await newContext(story().browser, "fr");
    const page = await context.newPage();
    await page.goto(`${story().portalUrl}/YPN/signin`);
    await page.getByRole("link", { name: "Se connecter avec Microsoft", exact: true }).click();
    await passIdentity(page, story().portalUrl, "fr", claire);
    await page.getByRole("heading", { name: "Dossiers" }).waitFor();
    staff = { context, page };

    await page.getByRole("navigation").getByRole("link", { name: "Embarquement" }).click();
    await page.getByRole("heading", { name: "Suivi de l'embarquement" }).waitFor();
    assert.deepEqual(await funnel(story(), page), expected({}));
    await page.getByRole("link", { name: "Importer un fichier" }).click();
    await page.getByRole("heading", { name: "Importer des interlocuteurs depuis un fichier" }).waitFor();
    await check(page, "import-page");

    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "story-csv-")), "clients-ypn.csv");
    fs.writeFileSync(file, `\uFEFF${CSV}\r\n`);
    const choose = async () => {
      const chooser = page.waitForEvent("filechooser");
      await page.getByLabel("Fichier CSV des interlocuteurs").click();
      await (await chooser).setFiles(file);
    };

    // The dry run: every line checked, nothing saved.
    await choose();
    await page.getByRole("button", { name: "Vérifier (rien n'est enregistré)" }).click();
    await page.getByRole("status").filter({ hasText: "20 ligne(s) valide(s), aucune erreur." }).waitFor();
    const saved = await story().first.ctx.db.selectFrom("contact").select("id").execute();
    assert.equal(saved.length, 0, "the dry run saves nothing");
    await check(page, "import-dry-run");

    // Then for real, with "invite everyone imported".
    await choose();
    await page.getByLabel("Inviter tous les interlocuteurs importés").check();
    await page.getByRole("button", { name: "Importer", exact: true }).click();
    await page.waitForURL(/\/YPN\/onboarding\?done=invite/);
    await page
      .getByRole("status")
      .filter({ hasText: "20 invitation(s) envoyée(s), 0 interlocuteur(s) ignoré(s)" })
      .waitFor();
    await check(page, "dashboard-after-import");
    assert.deepEqual(await funnel(story(), page), expected({ Invités: 20 }));
    assert.match((await page.locator("ul.funnel").textContent()) ?? "", /Tous \(20\)/);

    // Each of the 20 got one invitation mail.
    await deliverAll(story());
    for (const email of everyone) {
      const invitations = (await mailbox(story(), email)).filter((m) => /vous invite/.test(m.subject));
      assert.equal(invitations.length, 1, email);
    }
  });

  it("one client signs in with their personal account, another with their work account after the administrator approves: the funnel moves, the accountant is notified in the portal and by mail", async () => {
    const { page } = staff;

    // 1. Camille, with her existing personal Microsoft account, through the guide.
    const camilleInvite = await latestMail(story().stack.identity, camille.email, { subject: /vous invite/ });
    const camilleContext = await newContext(story().browser, "fr");
    const client = await camilleContext.newPage();
    await client.goto(guideLink(camilleInvite.text));
    await client.getByRole("heading", { name: "Se connecter", exact: true }).waitFor();
    await check(client, "guide-personal-sign-in");
    await client.getByRole("link", { name: "Se connecter avec Microsoft" }).click();
    await passIdentity(client, story().portalUrl, "fr", camille);
    await client.getByRole("heading", { name: /Bonjour Camille Durand/ }).waitFor();
    assert.match((await client.textContent("main")) ?? "", /Boulangerie Martin/);
    await check(client, "client-space-camille");
    await camilleContext.close();

    assert.deepEqual(await funnel(story(), page), expected({ Invités: 19, Actifs: 1 }));
    assert.equal(await bell(page), "Notifications 1 non lues");
    await check(page, "dashboard-one-active");

    // The digest: the accountant's first notification goes out at the next pass of the jobs.
    await runJobs(story());
    const firstDigest = await latestMail(story().stack.identity, claire.email, {
      subject: /nouvelles notifications/,
    });
    assert.match(
      firstDigest.subject,
      /^Cabinet Yvelines Partenaires Numériques : nouvelles notifications \(1\)$/,
    );
    assert.match(firstDigest.text, /Camille Durand a accepté l'invitation et s'est connecté à l'espace\./);

    // 2. Emma, with a work account of a tenant whose users may not approve applications.
    const emmaInvite = await latestMail(story().stack.identity, emma.email, { subject: /vous invite/ });
    const emmaContext = await newContext(story().browser, "fr");
    const person = await emmaContext.newPage();
    await person.goto(guideLink(emmaInvite.text));
    await person
      .getByRole("heading", { name: "Faire approuver l'application par votre organisation" })
      .waitFor();
    await check(person, "guide-ask-approval");
    const approval = (await person.locator("code.link").textContent()) ?? "";
    assert.match(approval, /\/common\/oauth2\/authorize\?client_id=/);
    assert.deepEqual(
      await funnel(story(), page),
      expected({ Invités: 18, "Approbation en attente": 1, Actifs: 1 }),
    );

    // The client's Global Administrator opens the approval link in their own browser.
    const adminContext = await newContext(story().browser, "fr");
    const admin = await adminContext.newPage();
    await admin.goto(approval);
    await passIdentity(admin, story().portalUrl, "fr", sophie, { onBehalfOfOrganization: true });
    await admin.getByRole("heading", { name: "Application approuvée" }).waitFor();
    assert.match((await admin.textContent("main")) ?? "", /Approuvée par Sophie Martin/);
    await check(admin, "consent-recorded");
    await adminContext.close();
    // Approved: Emma is back among those who only have to sign in; the accountant hears of it.
    assert.deepEqual(await funnel(story(), page), expected({ Invités: 19, Actifs: 1 }));
    assert.equal(await bell(page), "Notifications 2 non lues");

    // Emma is told by mail that she can come now; its link opens the guide at "sign in".
    await runJobs(story());
    const notice = await latestMail(story().stack.identity, emma.email, {
      subject: /votre organisation a approuvé/,
    });
    await person.goto(guideLink(notice.text));
    await person.getByRole("heading", { name: "Se connecter", exact: true }).waitFor();
    // Whichever instance ran the notice job wrote its own address in the link: back to that one.
    const noticeOrigin = new URL(person.url()).origin;
    await person.getByRole("link", { name: "Se connecter avec Microsoft" }).click();
    await passIdentity(person, noticeOrigin, "fr", emma);
    await person.getByRole("heading", { name: /Bonjour Emma Petit/ }).waitFor();
    await check(person, "client-space-emma");
    await emmaContext.close();

    assert.deepEqual(await funnel(story(), page), expected({ Invités: 18, Actifs: 2 }));
    assert.equal(await bell(page), "Notifications 3 non lues");
    await check(page, "dashboard-two-active");

    // The in-app list: newest first, one line per event.
    await page
      .getByRole("navigation")
      .getByRole("link", { name: /^Notifications/ })
      .click();
    await page.waitForURL(/\/YPN\/notifications$/);
    const lines = (await page.locator("ul.notifications > li.unread").allTextContents()).map((l) =>
      l.replace(/\s+/g, " ").trim(),
    );
    assert.equal(lines.length, 3, lines.join("\n"));
    assert.match(lines[0] ?? "", /Emma Petit a accepté l'invitation et s'est connecté à l'espace\./);
    assert.match(lines[1] ?? "", /L'organisation de Emma Petit a approuvé l'application du cabinet\./);
    assert.match(lines[2] ?? "", /Camille Durand a accepté l'invitation et s'est connecté à l'espace\./);
    await check(page, "notifications");

    // The second digest waits for the batch period after the first, then carries both of Emma's events.
    await runJobs(story());
    assert.equal((await mailbox(story(), claire.email)).length, 1, "one digest per period");
    story().clock.offset += 16 * 60_000;
    await runJobs(story());
    const digests = await mailbox(story(), claire.email);
    assert.equal(digests.length, 2);
    assert.match(digests[0]?.subject ?? "", /nouvelles notifications \(2\)$/);
    assert.match(digests[0]?.text ?? "", /L'organisation de Emma Petit a approuvé/);
    assert.match(digests[0]?.text ?? "", /Emma Petit a accepté l'invitation/);
  });

  it("on day 3 the reminder job sends one reminder to each of the 18 still waiting, with two portal instances running on PostgreSQL", async () => {
    const { page } = staff;
    const reminders = async (email: string) =>
      (await mailbox(story(), email)).filter((m) => /^Rappel : Cabinet Yvelines/.test(m.subject));
    // Day 2: nothing is due.
    story().clock.offset = 2 * DAY_MS;
    await runJobs(story());
    for (const email of everyone) assert.deepEqual(await reminders(email), [], email);

    // Day 3, both instances at once, and again: each waiting contact is reminded once.
    story().clock.offset = 3 * DAY_MS + 60_000;
    await runJobs(story());
    await runJobs(story());
    story().clock.offset = 3 * DAY_MS + 3 * 3_600_000;
    await runJobs(story());
    for (const [, first, last, email] of others) {
      const got = await reminders(email);
      assert.equal(got.length, 1, email);
      assert.match(got[0]?.text ?? "", new RegExp(`Bonjour ${first} ${last}`));
      assert.match(got[0]?.text ?? "", /il y a 3 jours/);
    }
    // Those who completed onboarding are not reminded.
    assert.deepEqual(await reminders(camille.email), []);
    assert.deepEqual(await reminders(emma.email), []);
    const sent = await story()
      .first.ctx.db.selectFrom("mail_outbox")
      .select("to_address")
      .where("subject", "like", "Rappel%")
      .execute();
    assert.equal(sent.length, 18, "18 reminders queued in all");
    const recorded = await story().first.ctx.db.selectFrom("invitation_reminder").selectAll().execute();
    assert.deepEqual(
      recorded.map((r) => r.step_days),
      Array(18).fill(3),
    );

    // The dashboard counts the automatic reminder beside each waiting contact.
    assert.deepEqual(await funnel(story(), page), expected({ Invités: 18, Actifs: 2 }));
    const rows = await page.locator("ul.onboarding-rows > li").allTextContents();
    assert.equal(rows.filter((r) => /envois : 2 · rappels automatiques : 1/.test(r)).length, 18);
    await check(page, "dashboard-after-reminders");
    await staff.context.close();
  });
});
