import assert from "node:assert/strict";
import { after, before } from "node:test";
import { addRedirectUri, findApplication } from "@sesame/identity/apps/app-queries";
import { PORTAL_CLIENT_ID } from "@sesame/identity/demo/portal-application";
import { testTargets } from "@sesame/kit/db/test-databases";
import { loadPortalConfig } from "@sesame/portal/config";
import { insertDossier } from "@sesame/portal/dossiers/dossier-queries";
import { insertFirm, insertStaff } from "@sesame/portal/firms/firm-queries";
import { type RunningPortal, startPortal } from "@sesame/portal/main";
import type { Browser, Page } from "playwright-core";
import { expectNoAxeViolations } from "./axe";
import { launchChromium, screenshot } from "./chromium";
import { type Stack, startStack } from "./servers";

export const postgres = (await testTargets()).find((t) => t.label === "postgres");

/** The accountant in charge of the client files (identity's demo tenant "Cabinet YPN"). */
export const claire = { email: "claire.lefevre@ypn-expertise.fr", password: "Bilan-Annuel-2024" };
/** An existing personal Microsoft account at identity. */
export const camille = { email: "camille.durand@outlook.fr", password: "Tournesol-Quai-47" };
/** A work account of Boulangerie Martin's tenant, whose users may not consent themselves. */
export const emma = { email: "emma.petit@boulangerie-martin.fr", password: "Farine-Levain-29" };
/** Boulangerie Martin's Global Administrator. */
export const sophie = { email: "sophie.martin@boulangerie-martin.fr", password: "Baguette-Doree-81" };

/** The 18 other clients: they receive the invitation and do nothing (yet). */
export const others = [
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
export const CSV = [
  "civilité;prénom;nom;email;téléphone;langue;dossier;droits",
  `Mme;Camille;Durand;${camille.email};06 11 22 33 44;fr;812345676;lecture dépôt`,
  `Mme;Emma;Petit;${emma.email};;fr;812345676;lecture dépôt`,
  ...others.map(([civility, first, last, email, siren]) =>
    [civility, first, last, email, "", "fr", siren, "lecture dépôt"].join(";"),
  ),
].join("\r\n");

export const everyone = [camille.email, emma.email, ...others.map((o) => o[3])];

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

/** The story's running parts: identity, two portal instances on one PostgreSQL database, Chromium. */
export interface OnboardingStory {
  readonly stack: Stack;
  readonly browser: Browser;
  /** Two instances of the portal on one PostgreSQL database, as behind a load balancer. */
  readonly first: RunningPortal;
  readonly second: RunningPortal;
  readonly portalUrl: string;
  /** Time moves through the job runners' clock, never by sleeping: milliseconds ahead of now. */
  readonly clock: { offset: number };
}

/** Registers the story's set-up: the firm YPN, its staff and client files, as the firm's setup creates them. */
export function useOnboardingStory(): () => OnboardingStory {
  let story: OnboardingStory | undefined;
  before(async () => {
    assert.ok(postgres);
    const clock = { offset: 0 };
    const now = () => Date.now() + clock.offset;
    const stack = await startStack(postgres);
    const config = loadPortalConfig({
      SESAME_DATA_DIR: stack.identity.ctx.config.SESAME_DATA_DIR,
      SESAME_LOG_LEVEL: process.env.SESAME_LOG_LEVEL ?? "silent",
      DATABASE_URL: await postgres.freshUrl(),
      SESAME_PORTAL_PORT: "0",
      SESAME_IDENTITY_AUTHORITY: stack.identity.url,
    });
    const options = { smtpSinkPort: stack.identity.smtpSinkPort ?? 0, now };
    const first = await startPortal(config, options);
    const second = await startPortal(config, options);
    story = {
      stack,
      first,
      second,
      clock,
      portalUrl: first.url,
      browser: await launchChromium(stack.serverCert),
    };
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
  });
  after(async () => {
    await story?.browser.close();
    await story?.second.close();
    await story?.first.close();
    await story?.stack.close();
  });
  return () => {
    assert.ok(story, "the story starts in the suite's before hook");
    return story;
  };
}

export async function check(page: Page, name: string) {
  await expectNoAxeViolations(page, name);
  console.log(`screenshot: ${await screenshot(page, `story-${name}`)}`);
}

/** The dashboard's funnel, state by state, as the accountant reads it. */
export async function funnel(story: OnboardingStory, page: Page): Promise<Record<string, number>> {
  await page.goto(`${story.portalUrl}/YPN/onboarding`);
  const counts: Record<string, number> = {};
  for (const text of await page.locator("ul.funnel > li > a").allTextContents()) {
    const match = /^(.*\S)\s+(\d+)$/.exec(text.replace(/\s+/g, " ").trim());
    if (match?.[1] && match[2]) counts[match[1]] = Number(match[2]);
  }
  return counts;
}

/** The whole funnel: the given counts, every other state at 0. */
export const expected = (counts: Partial<Record<(typeof STATES)[number], number>>) =>
  Object.fromEntries(STATES.map((s) => [s, counts[s] ?? 0]));

/** The bell in the header: "Notifications 3 non lues". */
export const bell = async (page: Page) =>
  (
    (await page
      .getByRole("navigation")
      .getByRole("link", { name: /^Notifications/ })
      .textContent()) ?? ""
  )
    .replace(/\s+/g, " ")
    .trim();

/** Every mail delivered to `to` (newest first), from identity's development mailbox. */
export async function mailbox(
  story: OnboardingStory,
  to: string,
): Promise<{ subject: string; text: string }[]> {
  const response = await story.stack.identity.app.inject({
    method: "GET",
    url: `/_dev/mail?to=${encodeURIComponent(to)}`,
    headers: { accept: "application/json" },
  });
  return response.json() as { subject: string; text: string }[];
}

/** Both instances' mail senders look at the outbox now; resolves when nothing is left to send. */
export async function deliverAll({ first, second }: OnboardingStory) {
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
export async function runJobs(story: OnboardingStory) {
  const { first, second } = story;
  await Promise.all([first.jobs.runOnce(), second.jobs.runOnce()]);
  await Promise.all([first.jobs.runOnce(), second.jobs.runOnce()]);
  await deliverAll(story);
}

export const guideLink = (text: string) => /https:\/\/\S+\/YPN\/guide\/[\w-]+/.exec(text)?.[0] ?? "";
