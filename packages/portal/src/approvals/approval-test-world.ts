import assert from "node:assert/strict";
import { demoPersonalAccount } from "@sesame/identity/demo/demo-data";
import type { IdentityHarness } from "@sesame/identity/testing/identity-harness";
import type { TestTarget } from "@sesame/kit/db/test-databases";
import { bindContact, insertContact, linkDossier } from "../contacts/contact-queries";
import { foldersOf } from "../documents/document-queries";
import { tinyPdf, upload, uploadToken } from "../documents/document-test-support";
import { insertDossier } from "../dossiers/dossier-queries";
import type { Firm, Staff } from "../firms/firm-queries";
import { CONSUMER_TENANT_ID } from "../readiness/readiness-rules";
import { PortalBrowser, type PortalHarness, seedTestFirm } from "../testing/portal-harness";
import { type PortalWithIdentity, startPortalWithIdentity } from "../testing/with-identity";

/** The approval tests' world: a firm, two dossiers, Camille (approve right, bound to her demo account), Léa, one PDF. */
export interface ApprovalWorld {
  readonly stack: PortalWithIdentity;
  readonly identity: IdentityHarness;
  readonly h: PortalHarness;
  readonly firm: Firm;
  readonly admin: Staff;
  readonly dossierA: string;
  readonly dossierB: string;
  readonly camille: string;
  readonly reader: string;
  readonly docId: string;
  staffBrowser(): Promise<PortalBrowser>;
  contactBrowser(id: string): Promise<PortalBrowser>;
}

export async function startApprovalWorld(target: TestTarget): Promise<ApprovalWorld> {
  const stack = await startPortalWithIdentity(target);
  const { identity, portal: h } = stack;
  const { firm, admin } = await seedTestFirm(h.ctx);
  const base = (d: string) => `/YPN/dossiers/${d}`;
  const staffBrowser = async () => {
    const b = new PortalBrowser(h);
    await b.signInAs(admin);
    return b;
  };
  const contactBrowser = async (id: string) => {
    const b = new PortalBrowser(h, "en");
    await b.signInContact(id, firm.id);
    return b;
  };
  const dossier = (name: string, siren: string) =>
    insertDossier(h.ctx.db, firm.id, {
      name,
      siren,
      siret: null,
      address: "x",
      accountantId: null,
      status: "active",
    });
  const dossierA = (await dossier("Boulangerie Martin", "812345676")).id;
  const dossierB = (await dossier("Garage B", "100000009")).id;
  const contact = (first: string, email: string, language: "fr" | "en") =>
    insertContact(h.ctx.db, firm.id, {
      civility: "mme",
      firstName: first,
      lastName: "Durand",
      email,
      phone: null,
      language,
    });
  const camille = (await contact("Camille", demoPersonalAccount.email, "en")).id;
  const reader = (await contact("Léa", "lea@client.example", "fr")).id;
  const account = await identity.identity.ctx.db
    .selectFrom("account")
    .select("id")
    .where("email_normalized", "=", demoPersonalAccount.email)
    .executeTakeFirstOrThrow();
  assert.ok(await bindContact(h.ctx.db, camille, CONSUMER_TENANT_ID, account.id));
  await linkDossier(h.ctx.db, camille, { dossierId: dossierA, read: true, upload: false, approve: true });
  await linkDossier(h.ctx.db, reader, { dossierId: dossierA, read: true, upload: true, approve: false });
  await linkDossier(h.ctx.db, reader, { dossierId: dossierB, read: true, upload: true, approve: true });
  const staff = await staffBrowser();
  await staff.get(`${base(dossierA)}/documents`);
  const folder = (await foldersOf(h.ctx.db, { firmId: firm.id, dossierId: dossierA }))[0]?.id ?? "";
  const sent = await upload(
    h.app,
    staff,
    `${base(dossierA)}/documents`,
    folder,
    [{ name: "comptes-2025.pdf", content: tinyPdf("Comptes 2025") }],
    uploadToken(staff),
  );
  assert.equal(sent.statusCode, 201, sent.body);
  const docId: string = sent.json().files[0].id;
  return {
    stack,
    identity,
    h,
    firm,
    admin,
    dossierA,
    dossierB,
    camille,
    reader,
    docId,
    staffBrowser,
    contactBrowser,
  };
}
