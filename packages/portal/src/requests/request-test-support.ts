import assert from "node:assert/strict";
import type { Staff } from "../firms/firm-queries";
import { PortalBrowser, type PortalHarness } from "../testing/portal-harness";

export const requestsOf = (dossier: string, firm = "YPN") => `/${firm}/dossiers/${dossier}/demandes`;

export async function staffBrowser(h: PortalHarness, staff: Staff, language: "fr" | "en" = "fr") {
  const b = new PortalBrowser(h, language);
  await b.signInAs(staff);
  return b;
}

export async function contactBrowser(h: PortalHarness, contactId: string, firmId: string) {
  const b = new PortalBrowser(h);
  await b.signInContact(contactId, firmId);
  return b;
}

/** The accountant creates a list from a template through the dossier's requests page; its id. */
export async function createList(
  staff: PortalBrowser,
  dossier: string,
  input: { template?: string; due: string; title?: string },
): Promise<string> {
  await staff.get(requestsOf(dossier));
  const made = await staff.post(requestsOf(dossier), {
    template: input.template ?? "vat",
    due: input.due,
    title: input.title ?? "",
  });
  assert.equal(made.statusCode, 303, made.body);
  const id = /\/demandes\/([0-9a-f-]{36})/.exec(String(made.headers.location))?.[1];
  assert.ok(id);
  return id;
}
