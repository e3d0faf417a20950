import { recordAudit } from "../admin/audit-log";
import { arg, CliError, flag } from "../cli/cli-command";
import { domainProof } from "../domain-verification/domain-proof";
import { directoryCommand } from "./directory-command";
import {
  addDomain,
  createTenant,
  listDomains,
  listOrganizations,
  requireOrganization,
  setDefaultDomain,
  setUserConsentAllowed,
  verifyDomain,
} from "./tenant-operations";

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
  directoryCommand(
    "tenant",
    "create",
    "<name> --country FR [--prefix name]",
    "create an organization",
    async (s) => {
      const name = arg(s.input, 0, "name");
      const prefix = flag(s.input, "prefix");
      const { tenant, initialDomain } = await s.ctx.db.transaction().execute(async (trx) => {
        const created = await createTenant(trx, {
          displayName: name,
          country: (flag(s.input, "country") ?? "").toUpperCase(),
          ...(prefix ? { prefix } : {}),
          suffix: s.ctx.config.SESAME_TENANT_DOMAIN_SUFFIX,
        });
        await recordAudit(trx, created.tenant.id, s.actor, "tenant.create", created.tenant.display_name);
        return created;
      });
      return {
        text: `${tenant.id} ${tenant.display_name} (${initialDomain})`,
        json: { ...tenantJson(tenant), initialDomain },
      };
    },
  ),
  directoryCommand("tenant", "list", "", "list organizations", async (s) => {
    const tenants = await listOrganizations(s.ctx.db);
    return {
      text: tenants.map((t) => `${t.id} ${t.display_name}`).join("\n") || "(none)",
      json: tenants.map(tenantJson),
    };
  }),
  directoryCommand("tenant", "domains", "<tenant>", "list an organization's domains", async (s) => {
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
  directoryCommand(
    "tenant",
    "add-domain",
    "<tenant> <domain>",
    "add a custom domain (then verify it)",
    async (s) => {
      const tenant = await requireOrganization(s.ctx.db, arg(s.input, 0, "tenant"));
      const name = arg(s.input, 1, "domain");
      const domain = await s.audited(tenant.id, "domain.add", name, (trx) =>
        addDomain(trx, tenant.id, name, {
          suffix: s.ctx.config.SESAME_TENANT_DOMAIN_SUFFIX,
          consumerDomains: s.ctx.config.SESAME_CONSUMER_DOMAINS,
        }),
      );
      return {
        text: `added ${domain.name}: publish the DNS TXT record ${domain.verification_token}, then run tenant verify-domain`,
        json: { name: domain.name, txtRecord: domain.verification_token, isVerified: false },
      };
    },
  ),
  directoryCommand(
    "tenant",
    "verify-domain",
    "<tenant> <domain> [--token MS=ms…]",
    "verify a domain by its DNS TXT record (in development, --token pastes the value instead)",
    async (s) => {
      const tenant = await requireOrganization(s.ctx.db, arg(s.input, 0, "tenant"));
      const name = arg(s.input, 1, "domain");
      const proof = await domainProof(s.ctx, tenant.id, name, flag(s.input, "token"));
      const domain = await s.audited(tenant.id, "domain.verify", name, (trx) =>
        verifyDomain(trx, tenant.id, name, proof),
      );
      return { text: `${domain.name} verified`, json: { name: domain.name, isVerified: true } };
    },
  ),
  directoryCommand(
    "tenant",
    "default-domain",
    "<tenant> <domain>",
    "make a verified domain the default",
    async (s) => {
      const tenant = await requireOrganization(s.ctx.db, arg(s.input, 0, "tenant"));
      const name = arg(s.input, 1, "domain");
      const domain = await s.audited(tenant.id, "domain.default", name, (trx) =>
        setDefaultDomain(trx, tenant.id, name),
      );
      return { text: `${domain.name} is the default domain`, json: { name: domain.name, isDefault: true } };
    },
  ),
  directoryCommand(
    "consent",
    "set",
    "<tenant> allow|deny",
    "may users consent to applications themselves",
    async (s) => {
      const tenant = await requireOrganization(s.ctx.db, arg(s.input, 0, "tenant"));
      const value = arg(s.input, 1, "allow|deny");
      if (value !== "allow" && value !== "deny") throw new CliError("say allow or deny");
      await s.audited(
        tenant.id,
        "settings.userConsent",
        tenant.display_name,
        (trx) => setUserConsentAllowed(trx, tenant.id, value === "allow"),
        { allowed: value === "allow" },
      );
      return {
        text: `${tenant.display_name}: users ${value === "allow" ? "may" : "may not"} consent to applications`,
        json: { tenantId: tenant.id, userConsentAllowed: value === "allow" },
      };
    },
  ),
  directoryCommand("consent", "show", "<tenant>", "show the user-consent setting", async (s) => {
    const tenant = await requireOrganization(s.ctx.db, arg(s.input, 0, "tenant"));
    const allowed = tenant.user_consent_allowed === 1;
    return {
      text: `${tenant.display_name}: users ${allowed ? "may" : "may not"} consent to applications`,
      json: { tenantId: tenant.id, userConsentAllowed: allowed },
    };
  }),
];
