import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import type { IdentityContext } from "../context";
import { PORTAL_CLIENT_ID } from "../demo/portal-application";
import { seedResellerApi } from "../reseller/reseller-api-app";
import { tenantOfDomain } from "../tenants/tenant-queries";
import type { DemoAccount } from "./demo-account";
import { type SeedOrganization, seedOrganization } from "./organization-seed";

const reseller: SeedOrganization = {
  displayName: "Distrilog Partenaires",
  country: "FR",
  prefix: "distrilog",
  reseller: true,
  users: [
    {
      userName: "nadia.roche",
      displayName: "Nadia Roche",
      jobTitle: "Responsable licences",
      password: "Revendeur-Licences-52",
      roles: ["globalAdministrator"],
    },
  ],
};

/** The firm's own tenant: its staff sign in to the portal with these work accounts. */
const firm: SeedOrganization = {
  displayName: "Cabinet YPN",
  country: "FR",
  prefix: "cabinetypn",
  customDomain: "ypn-expertise.fr",
  subscriptions: [{ sku: "O365_BUSINESS_PREMIUM", seats: 10 }],
  users: [
    {
      userName: "yves.prigent",
      displayName: "Yves Prigent",
      jobTitle: "Associé",
      password: "Cabinet-Associe-31",
      roles: ["globalAdministrator"],
      licences: ["O365_BUSINESS_PREMIUM"],
    },
    {
      userName: "claire.lefevre",
      displayName: "Claire Lefèvre",
      jobTitle: "Expert-comptable",
      password: "Bilan-Annuel-2024",
      licences: ["O365_BUSINESS_PREMIUM"],
    },
  ],
};

/** The seed's client: Business Standard with 5 seats, users may not consent themselves. */
const client: SeedOrganization = {
  displayName: "Boulangerie Martin",
  country: "FR",
  prefix: "boulangeriemartin",
  customDomain: "boulangerie-martin.fr",
  userConsentAllowed: false,
  subscriptions: [{ sku: "O365_BUSINESS_PREMIUM", seats: 5 }],
  users: [
    {
      userName: "sophie.martin",
      displayName: "Sophie Martin",
      jobTitle: "Gérante",
      password: "Baguette-Doree-81",
      roles: ["globalAdministrator"],
      licences: ["O365_BUSINESS_PREMIUM"],
    },
    {
      userName: "lucas.bernard",
      displayName: "Lucas Bernard",
      jobTitle: "Responsable informatique",
      password: "Croissant-Beurre-63",
      roles: ["applicationAdministrator"],
      licences: ["O365_BUSINESS_PREMIUM"],
    },
    {
      userName: "emma.petit",
      displayName: "Emma Petit",
      jobTitle: "Vendeuse",
      password: "Farine-Levain-29",
      licences: ["O365_BUSINESS_PREMIUM"],
    },
  ],
};

const labels: Record<string, string> = {
  "nadia.roche": "reseller (partner centre /reseller), Global Administrator of Distrilog Partenaires",
  "yves.prigent": "firm admin (Cabinet YPN), Global Administrator",
  "claire.lefevre": "accountant (Cabinet YPN)",
  "sophie.martin": "client Boulangerie Martin, Global Administrator (admin centre /admin)",
  "lucas.bernard": "client Boulangerie Martin, Application Administrator",
  "emma.petit": "client Boulangerie Martin, plain user",
};

/**
 * The demo organizations, idempotent: an organization whose initial domain exists is left as it
 * is. Cabinet YPN and Boulangerie Martin are recorded as customers of the reseller.
 */
export async function seedOrganizationsDemo(ctx: IdentityContext): Promise<DemoAccount[]> {
  const accounts: DemoAccount[] = [];
  let resellerId: string | undefined;
  let firmId: string | undefined;
  for (const spec of [reseller, firm, client]) {
    const initial = `${spec.prefix}.${ctx.config.SESAME_TENANT_DOMAIN_SUFFIX}`;
    let tenant = await tenantOfDomain(ctx.db, initial);
    if (!tenant) {
      try {
        tenant = (await seedOrganization(ctx, spec)).tenant;
        // The reseller supplies the firm (licence requests from the portal) and the client.
        if (spec !== reseller && resellerId)
          await ctx.db
            .insertInto("reseller_customer")
            .values({ customer_tenant_id: tenant.id, reseller_tenant_id: resellerId, created_at: Date.now() })
            .execute();
      } catch (error) {
        // Another instance seeded it at the same moment.
        if (!isUniqueViolation(error)) throw error;
      }
    }
    if (spec === reseller) resellerId = tenant?.id;
    if (spec === firm) firmId = tenant?.id;
    const domain = spec.customDomain ?? initial;
    for (const u of spec.users)
      accounts.push({
        label: labels[u.userName] ?? u.displayName,
        email: `${u.userName}@${domain}`,
        password: u.password,
      });
  }
  // The portal may send licence requests to the reseller: the firm's admin granted it the app role.
  if (resellerId && firmId)
    await seedResellerApi(ctx.db, {
      resellerTenantId: resellerId,
      clientAppId: PORTAL_CLIENT_ID,
      clientTenantId: firmId,
    });
  return accounts;
}
