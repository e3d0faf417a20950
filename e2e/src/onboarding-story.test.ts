import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { addRedirectUri, findApplication } from "@sesame/identity/apps/app-queries";
import { PORTAL_CLIENT_ID } from "@sesame/identity/demo/portal-application";
import { DAY_MS } from "@sesame/kit/db/expiry-sweeper";
import { testTargets } from "@sesame/kit/db/test-databases";
import { loadPortalConfig } from "@sesame/portal/config";
import { insertDossier } from "@sesame/portal/dossiers/dossier-queries";
import { insertFirm, insertStaff } from "@sesame/portal/firms/firm-queries";
import { type RunningPortal, startPortal } from "@sesame/portal/main";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expectNoAxeViolations } from "./support/axe";
import { launchChromium, newContext, screenshot } from "./support/chromium";
import { passIdentity } from "./support/identity-steps";
import { latestMail, type Stack, startStack } from "./support/servers";

const postgres = (await testTargets()).find((t) => t.label === "postgres");

/** The accountant in charge of the client files (identity's demo tenant "Cabinet YPN"). */
const claire = { email: "claire.lefevre@ypn-expertise.fr", password: "Bilan-Annuel-2024" };
/** An existing personal Microsoft account at identity. */
const camille = { email: "camille.durand@outlook.fr", password: "Tournesol-Quai-47" };
/** A work account of Boulangerie Martin's tenant, whose users may not consent themselves. */
const emma = { email: "emma.petit@boulangerie-martin.fr", password: "Farine-Levain-29" };
/** Boulangerie Martin's Global Administrator. */
const sophie = { email: "sophie.martin@boulangerie-martin.fr", password: "Baguette-Doree-81" };

/** The 18 other clients: they receive the invitation and do nothing (yet). */
const others = [
  ["M", "Julien", "Moreau", "julien.moreau@garage-des-tilleuls.fr", "523456788"],
  ["Mme", "Nathalie", "Girard", "nathalie.girard@garage-des-tilleuls.fr", "523456788"],
  ["M", "Thomas", "Lefèvre", "thomas@atelier-lefevre-menuiserie.fr", "434567897"],
  ["Mme", "Sandrine", "Lefèvre", "sandrine@atelier-lefevre-menuiserie.fr", "434567897"],
  ["M", "Karim", "Benali", "karim.benali@pharmacie-du-marche.fr", "812345676"],
  ["Mme", "Hélène", "Dubois", "helene.dubois@cabinet-dubois-kine.fr", "812345676"],
  ["M", "Olivier", "Rousseau", "olivier.rousseau@rousseau-couverture.fr", "523456788"],
  ["Mme", "Aurélie", "Fontaine", "aurelie.fontaine@fleurs-fontaine.fr", "434567897"],
  ["M", "Pierre-Yves", "Le Gall", "py.legall@legall-transports.fr", "812345676"],
  ["Mme", "Chloé", "Mercier", "chloe.mercier@mercier-optique.fr", "523456788"],
  ["M", "François", "Bonnet", "francois.bonnet@bonnet-plomberie.fr", "434567897"],
  ["Mme", "Isabelle", "Lambert", "isabelle.lambert@lambert-immobilier.fr", "812345676"],
  ["M", "Mathieu", "Faure", "mathieu.faure@faure-electricite.fr", "523456788"],
  ["Mme", "Émilie", "Chevalier", "emilie.chevalier@chevalier-coiffure.fr", "434567897"],
  ["M", "Nicolas", "Garnier", "nicolas.garnier@garnier-paysages.fr", "812345676"],
  ["Mme", "Laure", "Perrin", "laure.perrin@perrin-traiteur.fr", "523456788"],
  ["M", "Antoine", "Robin", "antoine.robin@robin-informatique.fr", "434567897"],
  ["Mme", "Céline", "Masson", "celine.masson@masson-librairie.fr", "812345676"],
] as const;

/** The file as a French spreadsheet saves it: ";" between cells, accented headers, CRLF. */
const CSV = [
  "civilité;prénom;nom;email;téléphone;langue;dossier;droits",
  `Mme;Camille;Durand;${camille.email};06 11 22 33 44;fr;812345676;lecture dépôt`,
  `Mme;Emma;Petit;${emma.email};;fr;812345676;lecture dépôt`,
  ...others.map(([civility, first, last, email, siren]) =>
    [civility, first, last, email, "", "fr", siren, "lecture dépôt"].join(";"),
  ),
].join("\r\n");

const everyone = [camille.email, emma.email, ...others.map((o) => o[3])];

/** The funnel's states as the French dashboard names them. */
const STATES = [
  "Non invités",
  "Invités",
  "Compte à créer",
  "Approbation en attente",
  "Approbation demandée",
  "Actifs",
  "Invitations expirées",
  "Invitations révoquées",
  "Comptes supprimés",
] as const;

describe("the 20-contact onboarding story in Chromium (fr), two portal instances on PostgreSQL", {
  skip: postgres ? false : "PostgreSQL is not reachable",
}, () => {
  let stack: Stack;
  let browser: Browser;
  /** Two instances of the portal on one PostgreSQL database, as behind a load balancer. */
  let first: RunningPortal;
  let second: RunningPortal;
  let portalUrl = "";
  // Time moves through the job runners' clock, never by sleeping.
  let offset = 0;
  const now = () => Date.now() + offset;
  let staff: { context: BrowserContext; page: Page };

  before(async () => {
    stack = await startStack(postgres!);
    const config = loadPortalConfig({
      SESAME_DATA_DIR: stack.identity.ctx.config.SESAME_DATA_DIR,
      SESAME_LOG_LEVEL: process.env.SESAME_LOG_LEVEL ?? "silent",
      DATABASE_URL: await postgres!.freshUrl(),
      SESAME_PORTAL_PORT: "0",
      SESAME_IDENTITY_AUTHORITY: stack.identity.url,
    });
    const options = { smtpSinkPort: stack.identity.smtpSinkPort ?? 0, now };
    first = await startPortal(config, options);
    second = await startPortal(config, options);
    portalUrl = first.url;
    // identity's demo registered the portal for port 8444; these instances listen on free ports.
    const app = await findApplication(stack.identity.ctx.db, PORTAL_CLIENT_ID);
    assert.ok(app);
    for (const instance of [first, second])
      for (const p of ["/YPN/authorize", "/auth/callback", "/auth/signed-out"])
        await addRedirectUri(stack.identity.ctx.db, app.id, `${instance.url}${p}`, "web");
    // The firm, its two staff members and its client files (what the firm's setup creates).
    const { db } = first.ctx;
    const firm = await insertFirm(db, {
      code: "YPN",
      name: "Cabinet Yvelines Partenaires Numériques",
      contactEmail: "yves.prigent@ypn-expertise.fr",
    });
    await insertStaff(db, {
      firmId: firm.id,
      email: "yves.prigent@ypn-expertise.fr",
      displayName: "Yves Prigent",
      role: "admin",
      expectedTenant: "ypn-expertise.fr",
    });
    const accountant = await insertStaff(db, {
      firmId: firm.id,
      email: claire.email,
      displayName: "Claire Lefèvre",
      role: "accountant",
      expectedTenant: "ypn-expertise.fr",
    });
    for (const [name, siren] of [
      ["Boulangerie Martin", "812345676"],
      ["Garage des Tilleuls", "523456788"],
      ["Atelier Lefèvre Menuiserie", "434567897"],
    ] as const)
      await insertDossier(db, firm.id, {
        name,
        siren,
        siret: null,
        address: "12 rue de la Paroisse, 78000 Versailles",
        status: "onboarding",
        accountantId: accountant.id,
      });
    browser = await launchChromium(stack.serverCert);
  });
  after(async () => {
    await browser?.close();
    await second?.close();
    await first?.close();
    await stack?.close();
  });

  async function check(page: Page, name: string) {
    await expectNoAxeViolations(page, name);
    console.log(`screenshot: ${await screenshot(page, `story-${name}`)}`);
  }

  /** The dashboard's funnel, state by state, as the accountant reads it. */
  async function funnel(page: Page): Promise<Record<string, number>> {
    await page.goto(`${portalUrl}/YPN/onboarding`);
    const counts: Record<string, number> = {};
    for (const text of await page.locator("ul.funnel > li > a").allTextContents()) {
      const match = /^(.*\S)\s+(\d+)$/.exec(text.replace(/\s+/g, " ").trim());
      if (match?.[1] && match[2]) counts[match[1]] = Number(match[2]);
    }
    return counts;
  }
  const expected = (counts: Partial<Record<(typeof STATES)[number], number>>) =>
    Object.fromEntries(STATES.map((s) => [s, counts[s] ?? 0]));

  /** The bell in the header: "Notifications 3 non lues". */
  const bell = async (page: Page) =>
    (
      (await page
        .getByRole("navigation")
        .getByRole("link", { name: /^Notifications/ })
        .textContent()) ?? ""
    )
      .replace(/\s+/g, " ")
      .trim();

  /** Every mail delivered to `to` (newest first), from identity's development mailbox. */
  async function mailbox(to: string): Promise<{ subject: string; text: string }[]> {
    const response = await stack.identity.app.inject({
      method: "GET",
      url: `/_dev/mail?to=${encodeURIComponent(to)}`,
      headers: { accept: "application/json" },
    });
    return response.json() as { subject: string; text: string }[];
  }

  /** Both instances' mail senders look at the outbox now; resolves when nothing is left to send. */
  async function deliverAll() {
    const deadline = Date.now() + 30_000;
    for (;;) {
      first.ctx.mailQueued();
      second.ctx.mailQueued();
      const waiting = await first.ctx.db
        .selectFrom("mail_outbox")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("sent_at", "is", null)
        .executeTakeFirstOrThrow();
      if (Number(waiting.n) === 0) return;
      if (Date.now() > deadline) throw new Error(`${waiting.n} mail(s) still in the outbox after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** One pass of both instances' job runners at the clock's present (twice: a timer pass may hold one). */
  async function runJobs() {
    await Promise.all([first.jobs.runOnce(), second.jobs.runOnce()]);
    await Promise.all([first.jobs.runOnce(), second.jobs.runOnce()]);
    await deliverAll();
  }

  const guideLink = (text: string) => /https:\/\/\S+\/YPN\/guide\/[\w-]+/.exec(text)?.[0] ?? "";

  it("the accountant imports 20 contacts from a CSV file, checks it, then imports and invites everyone: the funnel shows 20 invited", async () => {
    const context = await newContext(browser, "fr");
    const page = await context.newPage();
    await page.goto(`${portalUrl}/YPN/signin`);
    await page.getByRole("link", { name: "Se connecter avec Microsoft", exact: true }).click();
    await passIdentity(page, portalUrl, "fr", claire);
    await page.getByRole("heading", { name: "Dossiers" }).waitFor();
    staff = { context, page };

    await page.getByRole("navigation").getByRole("link", { name: "Embarquement" }).click();
    await page.getByRole("heading", { name: "Suivi de l'embarquement" }).waitFor();
    assert.deepEqual(await funnel(page), expected({}));
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
    const saved = await first.ctx.db.selectFrom("contact").select("id").execute();
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
    assert.deepEqual(await funnel(page), expected({ Invités: 20 }));
    assert.match((await page.locator("ul.funnel").textContent()) ?? "", /Tous \(20\)/);

    // Each of the 20 got one invitation mail.
    await deliverAll();
    for (const email of everyone) {
      const invitations = (await mailbox(email)).filter((m) => /vous invite/.test(m.subject));
      assert.equal(invitations.length, 1, email);
    }
  });

  it("one client signs in with their personal account, another with their work account after the administrator approves: the funnel moves, the accountant is notified in the portal and by mail", async () => {
    const { page } = staff;

    // 1. Camille, with her existing personal Microsoft account, through the guide.
    const camilleInvite = await latestMail(stack.identity, camille.email, { subject: /vous invite/ });
    const camilleContext = await newContext(browser, "fr");
    const client = await camilleContext.newPage();
    await client.goto(guideLink(camilleInvite.text));
    await client.getByRole("heading", { name: "Se connecter", exact: true }).waitFor();
    await check(client, "guide-personal-sign-in");
    await client.getByRole("link", { name: "Se connecter avec Microsoft" }).click();
    await passIdentity(client, portalUrl, "fr", camille);
    await client.getByRole("heading", { name: /Bonjour Camille Durand/ }).waitFor();
    assert.match((await client.textContent("main")) ?? "", /Boulangerie Martin/);
    await check(client, "client-space-camille");
    await camilleContext.close();

    assert.deepEqual(await funnel(page), expected({ Invités: 19, Actifs: 1 }));
    assert.equal(await bell(page), "Notifications 1 non lues");
    await check(page, "dashboard-one-active");

    // The digest: the accountant's first notification goes out at the next pass of the jobs.
    await runJobs();
    const firstDigest = await latestMail(stack.identity, claire.email, {
      subject: /nouvelles notifications/,
    });
    assert.match(
      firstDigest.subject,
      /^Cabinet Yvelines Partenaires Numériques : nouvelles notifications \(1\)$/,
    );
    assert.match(firstDigest.text, /Camille Durand a accepté l'invitation et s'est connecté à l'espace\./);

    // 2. Emma, with a work account of a tenant whose users may not approve applications.
    const emmaInvite = await latestMail(stack.identity, emma.email, { subject: /vous invite/ });
    const emmaContext = await newContext(browser, "fr");
    const person = await emmaContext.newPage();
    await person.goto(guideLink(emmaInvite.text));
    await person
      .getByRole("heading", { name: "Faire approuver l'application par votre organisation" })
      .waitFor();
    await check(person, "guide-ask-approval");
    const approval = (await person.locator("code.link").textContent()) ?? "";
    assert.match(approval, /\/common\/oauth2\/authorize\?client_id=/);
    assert.deepEqual(await funnel(page), expected({ Invités: 18, "Approbation en attente": 1, Actifs: 1 }));

    // The client's Global Administrator opens the approval link in their own browser.
    const adminContext = await newContext(browser, "fr");
    const admin = await adminContext.newPage();
    await admin.goto(approval);
    await passIdentity(admin, portalUrl, "fr", sophie, { onBehalfOfOrganization: true });
    await admin.getByRole("heading", { name: "Application approuvée" }).waitFor();
    assert.match((await admin.textContent("main")) ?? "", /Approuvée par Sophie Martin/);
    await check(admin, "consent-recorded");
    await adminContext.close();
    // Approved: Emma is back among those who only have to sign in; the accountant hears of it.
    assert.deepEqual(await funnel(page), expected({ Invités: 19, Actifs: 1 }));
    assert.equal(await bell(page), "Notifications 2 non lues");

    // Emma is told by mail that she can come now; its link opens the guide at "sign in".
    await runJobs();
    const notice = await latestMail(stack.identity, emma.email, { subject: /votre organisation a approuvé/ });
    await person.goto(guideLink(notice.text));
    await person.getByRole("heading", { name: "Se connecter", exact: true }).waitFor();
    // Whichever instance ran the notice job wrote its own address in the link: back to that one.
    const noticeOrigin = new URL(person.url()).origin;
    await person.getByRole("link", { name: "Se connecter avec Microsoft" }).click();
    await passIdentity(person, noticeOrigin, "fr", emma);
    await person.getByRole("heading", { name: /Bonjour Emma Petit/ }).waitFor();
    await check(person, "client-space-emma");
    await emmaContext.close();

    assert.deepEqual(await funnel(page), expected({ Invités: 18, Actifs: 2 }));
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
    await runJobs();
    assert.equal((await mailbox(claire.email)).length, 1, "one digest per period");
    offset += 16 * 60_000;
    await runJobs();
    const digests = await mailbox(claire.email);
    assert.equal(digests.length, 2);
    assert.match(digests[0]?.subject ?? "", /nouvelles notifications \(2\)$/);
    assert.match(digests[0]?.text ?? "", /L'organisation de Emma Petit a approuvé/);
    assert.match(digests[0]?.text ?? "", /Emma Petit a accepté l'invitation/);
  });

  it("on day 3 the reminder job sends one reminder to each of the 18 still waiting, with two portal instances running on PostgreSQL", async () => {
    const { page } = staff;
    const reminders = async (email: string) =>
      (await mailbox(email)).filter((m) => /^Rappel : Cabinet Yvelines/.test(m.subject));
    // Day 2: nothing is due.
    offset = 2 * DAY_MS;
    await runJobs();
    for (const email of everyone) assert.deepEqual(await reminders(email), [], email);

    // Day 3, both instances at once, and again: each waiting contact is reminded once.
    offset = 3 * DAY_MS + 60_000;
    await runJobs();
    await runJobs();
    offset = 3 * DAY_MS + 3 * 3_600_000;
    await runJobs();
    for (const [, first, last, email] of others) {
      const got = await reminders(email);
      assert.equal(got.length, 1, email);
      assert.match(got[0]?.text ?? "", new RegExp(`Bonjour ${first} ${last}`));
      assert.match(got[0]?.text ?? "", /il y a 3 jours/);
    }
    // Those who completed onboarding are not reminded.
    assert.deepEqual(await reminders(camille.email), []);
    assert.deepEqual(await reminders(emma.email), []);
    const sent = await first.ctx.db
      .selectFrom("mail_outbox")
      .select("to_address")
      .where("subject", "like", "Rappel%")
      .execute();
    assert.equal(sent.length, 18, "18 reminders queued in all");
    const recorded = await first.ctx.db.selectFrom("invitation_reminder").selectAll().execute();
    assert.deepEqual(
      recorded.map((r) => r.step_days),
      Array(18).fill(3),
    );

    // The dashboard counts the automatic reminder beside each waiting contact.
    assert.deepEqual(await funnel(page), expected({ Invités: 18, Actifs: 2 }));
    const rows = await page.locator("ul.onboarding-rows > li").allTextContents();
    assert.equal(rows.filter((r) => /envois : 2 · rappels automatiques : 1/.test(r)).length, 18);
    await check(page, "dashboard-after-reminders");
    await staff.context.close();
  });
});
