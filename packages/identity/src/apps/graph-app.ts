import type { Kysely } from "kysely";
import type { ApplicationPermissionTable, AppTables } from "../storage/app-tables";

export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
export const GRAPH_RESOURCE = "https://graph.microsoft.com";
/** Microsoft's own first-party tenant ("Microsoft Services"), home of Microsoft Graph. */
const MICROSOFT_SERVICES_TENANT = "f8cdef31-a31e-4b4a-93e4-5f571e91255a";
const GRAPH_OBJECT_ID = "4e3c5a4b-7f3e-4a8c-9d8b-0c4b1f9e6a01";

type Permission = Omit<ApplicationPermissionTable, "application_id">;

/** Permission ids are Graph's real ones (docs/microsoft-behaviour.md#graph), so manifests copied from Entra work here. */
export const graphPermissions: readonly Permission[] = [
  scope("37f7f235-527c-4136-accd-4a02d197296e", "openid", "Vous connecter", "Sign you in"),
  scope(
    "14dad69e-099b-42c9-810b-d002981feec1",
    "profile",
    "Voir votre profil de base (nom, adresse)",
    "View your basic profile (name, address)",
  ),
  scope(
    "64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0",
    "email",
    "Voir votre adresse de courrier",
    "View your email address",
  ),
  scope(
    "7427e0e9-2fba-42fe-b0c0-848c9e6a8182",
    "offline_access",
    "Conserver l'accès aux données auxquelles vous lui avez donné accès",
    "Maintain access to data you have given it access to",
  ),
  scope(
    "e1fe6dd8-ba31-4d61-89e7-88639da4683d",
    "User.Read",
    "Vous connecter et lire votre profil",
    "Sign you in and read your profile",
  ),
  scope(
    "b340eb25-3456-403f-be2f-af7a0d370277",
    "User.ReadBasic.All",
    "Lire le profil de base de tous les utilisateurs",
    "Read all users' basic profiles",
  ),
  scope(
    "06da0dbc-49e2-44d2-8312-53f166ab848a",
    "Directory.Read.All",
    "Lire les données de l'annuaire",
    "Read directory data",
    1,
  ),
  role(
    "df021288-bdef-4463-88db-98f22de89214",
    "User.Read.All",
    "Lire les profils complets de tous les utilisateurs",
    "Read all users' full profiles",
  ),
  role(
    "7ab1d382-f21e-4acd-a863-ba3e13f7da61",
    "Directory.Read.All",
    "Lire les données de l'annuaire",
    "Read directory data",
  ),
  role(
    "498476ce-e0fe-48b0-b801-37ba7e2685c6",
    "Organization.Read.All",
    "Lire les informations de l'organisation",
    "Read organization information",
  ),
];

function scope(id: string, value: string, fr: string, en: string, admin = 0): Permission {
  return { id, kind: "scope", value, admin_consent_required: admin, label_fr: fr, label_en: en };
}
function role(id: string, value: string, fr: string, en: string): Permission {
  return { id, kind: "role", value, admin_consent_required: 1, label_fr: fr, label_en: en };
}

/** Microsoft Graph as a built-in API application (migration 0201). */
export async function seedGraphApp(db: Kysely<unknown>): Promise<void> {
  const d = db as Kysely<AppTables>;
  await d
    .insertInto("application")
    .values({
      id: GRAPH_OBJECT_ID,
      app_id: GRAPH_APP_ID,
      display_name: "Microsoft Graph",
      publisher: "Microsoft Services",
      sign_in_audience: "AzureADMultipleOrgs",
      tenant_id: MICROSOFT_SERVICES_TENANT,
      identifier_uri: GRAPH_RESOURCE,
      front_channel_logout_url: null,
      created_at: Date.now(),
    })
    .execute();
  await d
    .insertInto("application_permission")
    .values(graphPermissions.map((p) => ({ ...p, application_id: GRAPH_OBJECT_ID })))
    .execute();
}
