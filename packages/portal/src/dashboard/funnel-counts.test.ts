import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { DAY_MS } from "@sesame/kit/db/expiry-sweeper";
import { migrateToLatest } from "@sesame/kit/db/migrations";
import { openTestDatabase, testTargets } from "@sesame/kit/db/test-databases";
import type { Kysely } from "kysely";
import { contactRow, linkDossier } from "../contacts/contact-queries";
import { insertDossier } from "../dossiers/dossier-queries";
import { insertFirm, insertStaff } from "../firms/firm-queries";
import { insertInvitation } from "../invitations/invitation-test-support";
import { portalMigrations } from "../storage/migrations";
import type { PortalDB } from "../storage/schema";
import { contactDetails, type DashboardScope } from "./dashboard-queries";
import { FUNNEL, type FunnelState, funnelState } from "./dashboard-rules";
import { cases, now } from "./funnel-cases-test-support";
import { contactIdsOfPage, funnelCounts } from "./funnel-queries";

for (const target of await testTargets()) {
  describe(`the funnel counted by the database agrees with the state rule (${target.label})`, () => {
    let db: Kysely<PortalDB>;
    let close: () => Promise<void>;
    let firmId = "";
    let accountantB = "";
    let dossierA = "";
    const ids: string[] = [];

    before(async () => {
      const database = await openTestDatabase<PortalDB>(target, "funnel_counts");
      db = database.db;
      close = () => database.close();
      await migrateToLatest(db as Kysely<unknown>, portalMigrations);
      const firm = await insertFirm(db, { code: "YPN", name: "Cabinet YPN" });
      const other = await insertFirm(db, { code: "AUT", name: "Autre cabinet" });
      firmId = firm.id;
      const staff = async (email: string) =>
        (
          await insertStaff(db, {
            firmId,
            email,
            displayName: email,
            role: "accountant",
            expectedTenant: "ypn.example",
          })
        ).id;
      accountantB = await staff("claire@ypn.example");
      const dossier = async (name: string, siren: string, accountantId: string) =>
        (
          await insertDossier(db, firmId, {
            name,
            siren,
            siret: null,
            address: "1 rue de la Paix, Paris",
            accountantId,
            status: "onboarding",
          })
        ).id;
      dossierA = await dossier("Boulangerie Martin", "732829320", await staff("yves@ypn.example"));
      const dossierB = await dossier("Garage Durand", "552100554", accountantB);
      for (const [n, c] of cases.entries()) {
        const row = {
          ...contactRow(firmId, {
            civility: "mme",
            firstName: c.name,
            // Two share a last name: the first name orders them.
            lastName: `Client${String(n % 20).padStart(2, "0")}`,
            email: `c${n}@client.example`,
            phone: null,
            language: "fr",
          }),
          ...c.contact,
        };
        await db.insertInto("contact").values(row).execute();
        ids.push(row.id);
        await linkDossier(db, row.id, {
          dossierId: c.dossier === "a" ? dossierA : dossierB,
          read: true,
          upload: true,
          approve: false,
        });
        for (const s of c.sent ?? []) {
          const created = now - s.ageDays * DAY_MS;
          await insertInvitation(db, {
            id: randomUUID(),
            firm_id: firmId,
            contact_id: row.id,
            token_hash: randomUUID(),
            created_at: created,
            expires_at: s.expiresAt ?? created + 14 * DAY_MS,
            last_sent_at: created,
            send_count: 1,
            revoked_at: s.revoked ? created + 1 : null,
            completed_at: s.completed ? created + 1 : null,
          });
        }
        if (c.forwarded)
          await db
            .insertInto("audit_entry")
            .values({
              id: randomUUID(),
              firm_id: c.forwarded === "in_other_firm" ? other.id : firmId,
              actor: c.forwarded === "by_firm" ? "yves@ypn.example" : row.email,
              action: c.forwarded === "by_firm" ? "approval.forward_for" : "approval.forward",
              target: c.forwarded === "by_firm" ? row.email : "it@client.example",
              at: now - DAY_MS,
            })
            .execute();
      }
      // A forward whose administrator is a contact: naming them as the target does not count.
      await db
        .insertInto("audit_entry")
        .values({
          id: randomUUID(),
          firm_id: firmId,
          actor: "someone@else.example",
          action: "approval.forward",
          target: `c${cases.findIndex((c) => c.name === "consent pending")}@client.example`,
          at: now,
        })
        .execute();
    });
    after(() => close());

    /** Each contact's state by the TypeScript rule, from the rows a dashboard page loads. */
    const ruleStates = async () => {
      const details = await contactDetails(db, firmId, ids);
      return new Map(
        [...details].map(([id, d]) => [id, funnelState(d.contact, d.invitation, d.approvalForwardedAt, now)]),
      );
    };

    it("places every fixture where the rule says, every state represented", async () => {
      const states = await ruleStates();
      for (const [n, c] of cases.entries()) assert.equal(states.get(ids[n] ?? ""), c.expect, c.name);
      assert.deepEqual(new Set(states.values()), new Set(FUNNEL));
    });

    const scopes: [string, () => DashboardScope][] = [
      ["the whole firm", () => ({})],
      ["one accountant's contacts", () => ({ accountant: accountantB })],
      ["one dossier's contacts", () => ({ dossier: dossierA })],
    ];
    for (const [label, scopeOf] of scopes)
      it(`counts and lists each state as the rule places each contact: ${label}`, async () => {
        const scope = scopeOf();
        const all = await contactIdsOfPage(db, firmId, scope, now, { offset: 0, limit: 1000 });
        const states = await ruleStates();
        const expected = new Map<FunnelState, number>();
        for (const id of all) {
          const state = states.get(id);
          assert.ok(state);
          expected.set(state, (expected.get(state) ?? 0) + 1);
        }
        assert.deepEqual(
          Object.fromEntries(await funnelCounts(db, firmId, scope, now)),
          Object.fromEntries(expected),
        );
        for (const state of FUNNEL) {
          const listed = await contactIdsOfPage(db, firmId, { ...scope, state }, now, {
            offset: 0,
            limit: 1000,
          });
          assert.deepEqual(
            listed,
            all.filter((id) => states.get(id) === state),
            `${state}: the same contacts, in name order`,
          );
        }
      });
  });
}
