import assert from "node:assert/strict";
import { after, before } from "node:test";
import { GRAPH_APP_ID } from "@sesame/identity/apps/graph-app";
import { assignAppRole } from "@sesame/identity/consent/consent-queries";
import { PORTAL_CLIENT_ID } from "@sesame/identity/demo/portal-application";
import { testTargets } from "@sesame/kit/db/test-databases";
import { insertContact, linkDossier } from "@sesame/portal/contacts/contact-queries";
import { insertDossier } from "@sesame/portal/dossiers/dossier-queries";
import { findFirmByCode } from "@sesame/portal/firms/firm-queries";
import { firmTenantId } from "@sesame/portal/guests/guest-sign-in";
import type { RunningPortal } from "@sesame/portal/main";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expectNoAxeViolations } from "./axe";
import { launchChromium, newContext, screenshot } from "./chromium";
import { signInAsDemoFirmAdmin, startPortalDemoStack } from "./portal-demo-test-support";
import type { Stack } from "./servers";

export const guestWords = {
  fr: {
    turnOn: "Passer en accès invité",
    switched: "Accès invité activé et invitation envoyée.",
    invitedSubject: /vous invite/,
    cta: "Accepter l'invitation",
    send: "Envoyer le code",
    code: "Code",
    signIn: "Se connecter",
    no: "Non",
    accept: "Accepter",
    codeSubject: /Votre code d'accès/,
    hello: /Bonjour Inès Invitée/,
    way: /Connexion : invité du cabinet/,
    email: "Adresse courriel, téléphone ou identifiant Skype",
    next: "Suivant",
    password: "Mot de passe",
  },
  en: {
    turnOn: "Switch to guest access",
    switched: "Guest access on and invitation sent.",
    invitedSubject: /invites you/,
    cta: "Accept the invitation",
    send: "Send code",
    code: "Code",
    signIn: "Sign in",
    no: "No",
    accept: "Accept",
    codeSubject: /verification code/,
    hello: /Hello Inès Invitée/,
    way: /Signs in with: guest of the firm/,
    email: "Email, phone, or Skype",
    next: "Next",
    password: "Password",
  },
} as const;

/** Graph's application permission User.Invite.All (Microsoft's id). */
const USER_INVITE_ALL_ROLE = "09850681-111b-4a89-9bed-3f2cae46d706";

export interface GuestAccessStack {
  readonly stack: Stack;
  readonly portal: RunningPortal;
  readonly portalUrl: string;
  readonly browser: Browser;
}

/**
 * Registers the suite's set-up: identity, the portal with its demo firm, the firm's consent to
 * invite guests, and Chromium. Returns the running stack (available once `before` has run).
 */
export function useGuestAccessStack(): () => GuestAccessStack {
  let running: GuestAccessStack | undefined;
  before(async () => {
    const [target] = await testTargets();
    assert.ok(target);
    const { stack, portal, portalUrl } = await startPortalDemoStack(target);
    // The firm's Global Administrator granted the portal's application User.Invite.All in the firm's tenant.
    await assignAppRole(stack.identity.ctx.db, {
      clientAppId: PORTAL_CLIENT_ID,
      resourceAppId: GRAPH_APP_ID,
      tenantId: (await firmTenantId(portal.ctx)) ?? "",
      appRoleId: USER_INVITE_ALL_ROLE,
    });
    running = { stack, portal, portalUrl, browser: await launchChromium(stack.serverCert) };
  });
  after(async () => {
    await running?.browser.close();
    await running?.stack.close();
  });
  return () => {
    assert.ok(running, "the guest access stack starts in the suite's before hook");
    return running;
  };
}

export async function checkGuestPage(page: Page, name: string) {
  await expectNoAxeViolations(page, name);
  console.log(`screenshot: ${await screenshot(page, `guest-${name}`)}`);
}

/** A staff member of YPN, signed in (the session a finished Microsoft sign-in leaves). */
export async function staffContext(running: GuestAccessStack, locale: "fr" | "en"): Promise<BrowserContext> {
  return signInAsDemoFirmAdmin(
    await newContext(running.browser, locale),
    running.portal,
    "00000000-0000-0000-0000-0000000000aa",
  );
}

/** A new dossier of YPN (read only) for the given contact. */
export async function dossierOfContact(
  portal: RunningPortal,
  contactId: string,
  dossier: { name: string; siren: string; address: string },
) {
  const firm = await findFirmByCode(portal.ctx.db, "YPN");
  assert.ok(firm);
  const saved = await insertDossier(portal.ctx.db, firm.id, {
    ...dossier,
    siret: null,
    accountantId: null,
    status: "active",
  });
  await linkDossier(portal.ctx.db, contactId, {
    dossierId: saved.id,
    read: true,
    upload: false,
    approve: false,
  });
  return saved;
}

/** Inès Invitée, a new contact of YPN speaking `locale`. */
export async function newGuestContact(portal: RunningPortal, email: string, locale: "fr" | "en") {
  const firm = await findFirmByCode(portal.ctx.db, "YPN");
  assert.ok(firm);
  return insertContact(portal.ctx.db, firm.id, {
    civility: "mme",
    firstName: "Inès",
    lastName: "Invitée",
    email,
    phone: null,
    language: locale,
  });
}
