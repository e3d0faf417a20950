import type { Kysely } from "kysely";
import { GRAPH_APP_ID } from "../apps/graph-app";
import type { ApplicationPermissionTable, AppTables } from "../storage/app-tables";

type Permission = Omit<ApplicationPermissionTable, "application_id">;

const both = (value: string, ids: [string, string], fr: string, en: string): Permission[] => [
  { id: ids[0], kind: "scope", value, admin_consent_required: 1, label_fr: fr, label_en: en },
  { id: ids[1], kind: "role", value, admin_consent_required: 1, label_fr: fr, label_en: en },
];

/** Graph's consent-request permissions, with Microsoft's ids (delegated, then application). */
const consentRequestPermissions: readonly Permission[] = [
  ...both(
    "Policy.Read.All",
    ["572fea84-0151-49b2-9301-11cb16974376", "246dd0d5-5bd0-4def-940b-0421030a5b68"],
    "Lire les stratégies de votre organisation",
    "Read your organization's policies",
  ),
  ...both(
    "Policy.ReadWrite.ConsentRequest",
    ["4d135e65-66b8-41a8-9f8b-081452c91774", "999f8c63-0a38-4f1b-91fd-ed1947bdd1a9"],
    "Lire et modifier la stratégie des demandes de consentement",
    "Read and write consent request policy",
  ),
  ...both(
    "ConsentRequest.Read.All",
    ["f3bfad56-966e-4590-a536-82ecf548ac1e", "1260ad83-98fb-4785-abbb-d6cc1806fd41"],
    "Lire toutes les demandes de consentement",
    "Read all consent requests",
  ),
  ...both(
    "ConsentRequest.ReadWrite.All",
    ["497d9dfa-3bd1-481a-baab-90895e54568c", "9f1b81a7-0223-4428-bfa4-0bcb5535f27d"],
    "Lire et traiter toutes les demandes de consentement",
    "Read and write all consent requests",
  ),
];

/** Migration 0701: Microsoft Graph exposes the admin consent workflow's permissions. */
export async function seedConsentRequestPermissions(db: Kysely<unknown>): Promise<void> {
  const d = db as Kysely<AppTables>;
  const graph = await d
    .selectFrom("application")
    .select("id")
    .where("app_id", "=", GRAPH_APP_ID)
    .executeTakeFirst();
  if (!graph) return;
  await d
    .insertInto("application_permission")
    .values(consentRequestPermissions.map((p) => ({ ...p, application_id: graph.id })))
    .execute();
}
