/**
 * The portal pages the benchmark times, each as the data its route loads: the same query functions
 * the route calls, in the same order and concurrency (session look-up and HTML rendering left out).
 */
import { pendingApprovalsOf } from "@sesame/portal/approvals/approval-queries";
import { otherFirmsOf } from "@sesame/portal/client-home/client-home-queries";
import { findContact } from "@sesame/portal/contacts/contact-queries";
import { type DashboardScope, filterChoices } from "@sesame/portal/dashboard/dashboard-queries";
import { onboardingPage } from "@sesame/portal/dashboard/onboarding-view";
import { dossiersOfContact, listDossiers } from "@sesame/portal/dossiers/dossier-queries";
import { unreadMessagesFor } from "@sesame/portal/messages/unread-messages";
import { firmRequestSummary, itemsAwaitingContact } from "@sesame/portal/requests/request-queries";
import { parisDay } from "@sesame/portal/requests/request-rules";
import type { PortalDB } from "@sesame/portal/storage/schema";
import type { Kysely } from "kysely";
import type { PortalWorld } from "./portal-world";

export type PageLoad = () => Promise<unknown>;

/** /{firm}/espace: the dossiers, then every section at once, then the other firms (client-home-routes.ts). */
async function clientHome(db: Kysely<PortalDB>, world: PortalWorld, contactId: string): Promise<unknown> {
  const contact = await findContact(db, world.firmId, contactId);
  if (!contact) throw new Error("the benchmark's contact is missing");
  const dossiers = await dossiersOfContact(db, contact.id);
  const sections = await Promise.all([
    itemsAwaitingContact(db, contact.id),
    pendingApprovalsOf(db, world.firmId, contact.id),
    unreadMessagesFor(db, world.firmId, { kind: "contact", id: contact.id }),
  ]);
  return [dossiers, sections, await otherFirmsOf(db, contact)];
}

/** /{firm}/accueil (firm-home-sections.ts): requests to follow and unread messages. */
const firmHome = (db: Kysely<PortalDB>, world: PortalWorld, staffId: string, accountant: boolean) =>
  Promise.all([
    firmRequestSummary(db, world.firmId, parisDay(Date.now()), accountant ? staffId : undefined),
    unreadMessagesFor(db, world.firmId, { kind: "staff", id: staffId }),
  ]);

/** The pages, each with the mix of requests it is timed on. */
export function portalPages(db: Kysely<PortalDB>, world: PortalWorld): { name: string; mix: PageLoad[] }[] {
  const { firmId, accountants } = world;
  const dashboard = (scope: DashboardScope) =>
    Promise.all([onboardingPage(db, firmId, scope, Date.now()), filterChoices(db, firmId)]);
  return [
    {
      name: "client home, contact of one dossier",
      mix: [() => clientHome(db, world, world.singleContact)],
    },
    {
      name: "client home, contact of three dossiers",
      mix: [() => clientHome(db, world, world.multiContact)],
    },
    {
      name: "onboarding dashboard (default filters)",
      mix: [() => dashboard({})],
    },
    {
      name: "onboarding dashboard (state, accountant, dossier search, page 3)",
      mix: [
        () => dashboard({ state: "invited" }),
        () => dashboard({ accountant: accountants[2] }),
        () => dashboard({ dossier: "pharmacie" }),
        () => dashboard({ dossier: "chatou", state: "revoked" }),
        () => dashboard({ page: 3 }),
      ],
    },
    {
      name: "firm home, per accountant",
      mix: accountants.map((id) => () => firmHome(db, world, id, true)),
    },
    {
      name: "dossier list (search, filters, keyset paging)",
      mix: [
        () => listDossiers(db, firmId, { limit: 51 }),
        () => listDossiers(db, firmId, { status: "onboarding", limit: 51 }),
        () => listDossiers(db, firmId, { accountantId: accountants[3], limit: 51 }),
        () => listDossiers(db, firmId, { query: "pharmacie", limit: 51 }),
        () => listDossiers(db, firmId, { query: "chatou 12", limit: 51 }),
        () => listDossiers(db, firmId, { query: "1234", limit: 51 }),
        () => listDossiers(db, firmId, { status: "active", accountantId: accountants[1], limit: 51 }),
        () => listDossiers(db, firmId, { after: { key: "menuiserie", id: "" }, limit: 51 }),
      ],
    },
  ];
}
