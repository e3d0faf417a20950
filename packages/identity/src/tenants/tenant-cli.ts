import { z } from "zod";
import { arg, CliError, command, flag, valueFlag } from "../cli/cli-command";
import {
  addTenantDomain,
  createOrganization,
  makeDefaultDomain,
  setPasswordGrant,
  setUserConsent,
  verifyTenantDomain,
} from "./tenant-changes";
import { listDomains, listOrganizations, requireOrganization } from "./tenant-operations";

const tenantJson = (t: {
  id: string;
  display_name: string;
  country: string | null;
  user_consent_allowed: number;
}) => ({
  id: t.id,
  displayName: t.display_name,
  country: t.country,
  userConsentAllowed: t.user_consent_allowed === 1,
});

export const tenantCommands = [
  command(
    "tenant",
    "create",
    "<name> --country FR [--prefix name]",
    "create an organization",
    z.object({ country: valueFlag(), prefix: valueFlag() }),
    async (s) => {
      const name = arg(s.input, 0, "name");
      const prefix = flag(s.input, "prefix");
      const { tenant, initialDomain } = await createOrganization(s.ctx, s.actor, {
        displayName: name,
        country: (flag(s.input, "country") ?? "").toUpperCase(),
        prefix,
      });
      return {
        text: `${tenant.id} ${tenant.display_name} (${initialDomain})`,
        json: { ...tenantJson(tenant), initialDomain },
      };
    },
  ),
  command("tenant", "list", "", "list organizations", async (s) => {
    const tenants = await listOrganizations(s.ctx.db);
    return {
      text: tenants.map((t) => `${t.id} ${t.display_name}`).join("\n") || "(none)",
      json: tenants.map(tenantJson),
    };
  }),
  command("tenant", "domains", "<tenant>", "list an organization's domains", async (s) => {
    const tenant = await requireOrganization(s.ctx.db, arg(s.input, 0, "tenant"));
    const domains = await listDomains(s.ctx.db, tenant.id);
    const json = domains.map((d) => ({
      name: d.name,
      isInitial: d.is_initial === 1,
      isDefault: d.is_default === 1,
      isVerified: d.verified_at !== null,
      txtRecord: d.verification_token,
    }));
    const text = json.map(
      (d) =>
        `${d.name}${d.isDefault ? " (default)" : ""} ${d.isVerified ? "verified" : `unverified: publish TXT ${d.txtRecord}`}`,
    );
    return { text: text.join("\n"), json };
  }),
  command("tenant", "add-domain", "<tenant> <domain>", "add a custom domain (then verify it)", async (s) => {
    const tenant = await requireOrganization(s.ctx.db, arg(s.input, 0, "tenant"));
    const name = arg(s.input, 1, "domain");
    const domain = await addTenantDomain(s.ctx, s.actor, tenant.id, name);
    return {
      text: `added ${domain.name}: publish the DNS TXT record ${domain.verification_token}, then run tenant verify-domain`,
      json: { name: domain.name, txtRecord: domain.verification_token, isVerified: false },
    };
  }),
  command(
    "tenant",
    "verify-domain",
    "<tenant> <domain> [--token MS=ms…]",
    "verify a domain by its DNS TXT record (in development, --token pastes the value instead)",
    z.object({ token: valueFlag() }),
    async (s) => {
      const tenant = await requireOrganization(s.ctx.db, arg(s.input, 0, "tenant"));
      const name = arg(s.input, 1, "domain");
      const domain = await verifyTenantDomain(s.ctx, s.actor, tenant.id, name, flag(s.input, "token"));
      return { text: `${domain.name} verified`, json: { name: domain.name, isVerified: true } };
    },
  ),
  command(
    "tenant",
    "default-domain",
    "<tenant> <domain>",
    "make a verified domain the default",
    async (s) => {
      const tenant = await requireOrganization(s.ctx.db, arg(s.input, 0, "tenant"));
      const name = arg(s.input, 1, "domain");
      const domain = await makeDefaultDomain(s.ctx, s.actor, tenant.id, name);
      return { text: `${domain.name} is the default domain`, json: { name: domain.name, isDefault: true } };
    },
  ),
  command(
    "consent",
    "set",
    "<tenant> allow|deny",
    "may users consent to applications themselves",
    async (s) => {
      const tenant = await requireOrganization(s.ctx.db, arg(s.input, 0, "tenant"));
      const value = arg(s.input, 1, "allow|deny");
      if (value !== "allow" && value !== "deny") throw new CliError("say allow or deny");
      await setUserConsent(s.ctx, s.actor, tenant, value === "allow");
      return {
        text: `${tenant.display_name}: users ${value === "allow" ? "may" : "may not"} consent to applications`,
        json: { tenantId: tenant.id, userConsentAllowed: value === "allow" },
      };
    },
  ),
  command("consent", "show", "<tenant>", "show the user-consent setting", async (s) => {
    const tenant = await requireOrganization(s.ctx.db, arg(s.input, 0, "tenant"));
    const allowed = tenant.user_consent_allowed === 1;
    return {
      text: `${tenant.display_name}: users ${allowed ? "may" : "may not"} consent to applications`,
      json: { tenantId: tenant.id, userConsentAllowed: allowed },
    };
  }),
  command(
    "password-grant",
    "set",
    "<tenant> allow|deny",
    "may applications sign users in with their password (ROPC, grant_type=password)",
    async (s) => {
      const tenant = await requireOrganization(s.ctx.db, arg(s.input, 0, "tenant"));
      const value = arg(s.input, 1, "allow|deny");
      if (value !== "allow" && value !== "deny") throw new CliError("say allow or deny");
      await setPasswordGrant(s.ctx, s.actor, tenant, value === "allow");
      return {
        text: `${tenant.display_name}: password sign-in by applications (ROPC) ${value === "allow" ? "allowed" : "blocked"}`,
        json: { tenantId: tenant.id, passwordGrantAllowed: value === "allow" },
      };
    },
  ),
  command("password-grant", "show", "<tenant>", "show the password sign-in (ROPC) setting", async (s) => {
    const tenant = await requireOrganization(s.ctx.db, arg(s.input, 0, "tenant"));
    const allowed = tenant.password_grant_allowed === 1;
    return {
      text: `${tenant.display_name}: password sign-in by applications (ROPC) ${allowed ? "allowed" : "blocked"}`,
      json: { tenantId: tenant.id, passwordGrantAllowed: allowed },
    };
  }),
];
