import fs from "node:fs";
import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import { z } from "zod";
import { type CliCommand, CliError, flag, valueFlag } from "../cli/cli-command";
import { CONSUMER_TENANT_ID } from "../config";
import type { IdentityContext } from "../context";
import { type RedirectKind, type SignInAudience, signInAudiences } from "../storage/app-tables";
import { resolveTenantSegment } from "../tenants/tenant-queries";
import {
  type Application,
  addCertificate,
  addClientSecret,
  addRedirectUri,
  addRequiredPermission,
  certificates,
  clientSecrets,
  createApplication,
  exposedPermissions,
  findApplication,
  findResourceApplication,
  listApplications,
  redirectUris,
  requiredPermissions,
} from "./app-queries";
import { parseCertificate, x5tOf } from "./certificate";
import { redirectUriProblem } from "./redirect-uri-rules";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function app(ctx: IdentityContext, appId: string | undefined): Promise<Application> {
  if (!appId) throw new CliError("give the application's client id (app id)");
  const found = await findApplication(ctx.db, appId);
  if (!found) throw new CliError(`no application with client id ${appId}`);
  return found;
}

const create: CliCommand = {
  group: "app",
  verb: "create",
  usage: "app create --name NAME [--audience A] [--tenant T] [--publisher P] [--app-id GUID]",
  summary: "register an application",
  flags: z.object({
    name: valueFlag(),
    audience: valueFlag(),
    tenant: valueFlag(),
    publisher: valueFlag(),
    "app-id": valueFlag(),
    "identifier-uri": valueFlag(),
  }),
  async run(ctx, input) {
    const name = flag(input, "name");
    if (!name) throw new CliError("--name is required");
    const audience = (flag(input, "audience") ?? "AzureADandPersonalMicrosoftAccount") as SignInAudience;
    if (!signInAudiences.includes(audience))
      throw new CliError(`--audience must be one of ${signInAudiences.join(", ")}`);
    const appId = flag(input, "app-id");
    if (appId && !GUID.test(appId)) throw new CliError("--app-id must be a GUID");
    const tenantId = await homeTenant(ctx, flag(input, "tenant"));
    try {
      const row = await createApplication(ctx.db, {
        ...(appId ? { appId } : {}),
        displayName: name,
        publisher: flag(input, "publisher") ?? name,
        signInAudience: audience,
        tenantId,
        identifierUri: flag(input, "identifier-uri") ?? null,
      });
      return { text: `application "${name}" created, client id ${row.app_id}`, json: row };
    } catch (error) {
      if (isUniqueViolation(error)) throw new CliError("an application with this client id or URI exists");
      throw error;
    }
  },
};

/** `--tenant`: a tenant id or any of its verified domains, stored as the id (personal accounts' by default). */
async function homeTenant(ctx: IdentityContext, given: string | undefined): Promise<string> {
  if (!given) return CONSUMER_TENANT_ID;
  const segment = await resolveTenantSegment(ctx.db, given.trim());
  if (segment?.kind === "tenant" || segment?.kind === "consumers") return segment.tenant.id;
  throw new CliError(`--tenant ${given}: no tenant has this id or verified domain`);
}

const list: CliCommand = {
  group: "app",
  verb: "list",
  usage: "app list",
  summary: "list registered applications",
  async run(ctx) {
    const rows = await listApplications(ctx.db);
    return {
      text: rows.map((r) => `${r.app_id}  ${r.sign_in_audience.padEnd(36)} ${r.display_name}`).join("\n"),
      json: rows,
    };
  },
};

const show: CliCommand = {
  group: "app",
  verb: "show",
  usage: "app show CLIENT_ID",
  summary: "show an application, its redirect URIs, secrets and certificates",
  async run(ctx, input) {
    const a = await app(ctx, input.args[0]);
    const detail = {
      ...a,
      redirectUris: await redirectUris(ctx.db, a.id),
      secrets: (await clientSecrets(ctx.db, a.id)).map(({ secret_hash: _, ...s }) => s),
      certificates: (await certificates(ctx.db, a.id)).map(({ certificate_pem: _, ...c }) => c),
      requiredPermissions: await requiredPermissions(ctx.db, a.id),
      exposedPermissions: await exposedPermissions(ctx.db, a.id),
    };
    const text = [
      `${a.display_name} (${a.app_id}), ${a.sign_in_audience}, publisher ${a.publisher}`,
      ...detail.redirectUris.map((r) => `  redirect ${r.kind} ${r.uri}`),
      ...detail.secrets.map((s) => `  secret ${s.hint}… expires ${new Date(s.expires_at).toISOString()}`),
      ...detail.certificates.map((c) => `  certificate ${c.thumbprint}`),
      ...detail.requiredPermissions.map((p) => `  requires ${p.resource_app_id} ${p.kind} ${p.value}`),
    ].join("\n");
    return { text, json: detail };
  },
};

const secret: CliCommand = {
  group: "app",
  verb: "secret",
  usage: "app secret add CLIENT_ID [--days 180] [--name NAME]",
  summary: "add a client secret (printed once)",
  flags: z.object({ days: valueFlag(), name: valueFlag() }),
  async run(ctx, input) {
    if (input.args[0] !== "add") throw new CliError("usage: app secret add CLIENT_ID");
    const a = await app(ctx, input.args[1]);
    const days = Number(flag(input, "days") ?? 180);
    if (!Number.isInteger(days) || days < 1 || days > 730) throw new CliError("--days must be 1 to 730");
    const s = await addClientSecret(ctx.db, a.id, {
      displayName: flag(input, "name") ?? "cli",
      lifetimeDays: days,
    });
    return {
      text: `secret (shown once, copy it now): ${s.secret}\nexpires ${new Date(s.expiresAt).toISOString()}`,
      json: { id: s.id, secret: s.secret, expiresAt: s.expiresAt },
    };
  },
};

const redirect: CliCommand = {
  group: "app",
  verb: "redirect",
  usage: "app redirect add CLIENT_ID URI [--kind web|spa|public]",
  summary: "add a redirect URI",
  flags: z.object({ kind: valueFlag() }),
  async run(ctx, input) {
    if (input.args[0] !== "add") throw new CliError("usage: app redirect add CLIENT_ID URI");
    const a = await app(ctx, input.args[1]);
    const uri = input.args[2] ?? "";
    const kind = (flag(input, "kind") ?? "web") as RedirectKind;
    if (!["web", "spa", "public"].includes(kind)) throw new CliError("--kind must be web, spa or public");
    const problem = redirectUriProblem(uri, kind);
    if (problem) throw new CliError(problem);
    try {
      await addRedirectUri(ctx.db, a.id, uri, kind);
    } catch (error) {
      if (isUniqueViolation(error)) throw new CliError("this redirect URI is already registered");
      throw error;
    }
    return { text: `redirect URI ${uri} (${kind}) added`, json: { appId: a.app_id, uri, kind } };
  },
};

const cert: CliCommand = {
  group: "app",
  verb: "cert",
  usage: "app cert add CLIENT_ID PEM_FILE",
  summary: "add a certificate for client assertions",
  async run(ctx, input) {
    if (input.args[0] !== "add") throw new CliError("usage: app cert add CLIENT_ID PEM_FILE");
    const a = await app(ctx, input.args[1]);
    const file = input.args[2];
    if (!file || !fs.existsSync(file)) throw new CliError("give the path of a PEM certificate file");
    const x509 = parseCertificate(fs.readFileSync(file, "utf8"));
    if (!x509) throw new CliError(`${file} is not a PEM X.509 certificate`);
    const thumbprint = x5tOf(x509);
    await addCertificate(ctx.db, a.id, {
      thumbprint,
      certificatePem: x509.toString(),
      expiresAt: Date.parse(x509.validTo),
    });
    return { text: `certificate ${thumbprint} added`, json: { appId: a.app_id, thumbprint } };
  },
};

const permission: CliCommand = {
  group: "app",
  verb: "permission",
  usage: "app permission add CLIENT_ID API (--scope S | --role R)",
  summary: "declare a permission the application needs from an API",
  flags: z.object({ scope: valueFlag(), role: valueFlag() }),
  async run(ctx, input) {
    if (input.args[0] !== "add") throw new CliError("usage: app permission add CLIENT_ID API --scope S");
    const a = await app(ctx, input.args[1]);
    const api = input.args[2] ? await findResourceApplication(ctx.db, input.args[2]) : undefined;
    if (!api) throw new CliError("give the API's client id or App ID URI");
    const [kind, value] = flag(input, "role")
      ? (["role", flag(input, "role")] as const)
      : (["scope", flag(input, "scope")] as const);
    const found = (await exposedPermissions(ctx.db, api.id)).find(
      (p) => p.kind === kind && p.value === value,
    );
    if (!found) throw new CliError(`${api.display_name} exposes no ${kind} named ${value ?? "(none)"}`);
    try {
      await addRequiredPermission(ctx.db, a.id, { resourceAppId: api.app_id, permissionId: found.id, kind });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    return { text: `${a.display_name} requires ${api.display_name} ${kind} ${value}`, json: { kind, value } };
  },
};

export const appCommands: readonly CliCommand[] = [create, list, show, secret, redirect, cert, permission];
