import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { findAccountByEmail } from "../accounts/account-queries";
import { emailDomain } from "../accounts/email";
import type { IdentityContext } from "../context";
import { tenantOfDomain } from "../tenants/tenant-queries";
import { lookupLimits, lookupThrottled } from "./lookup-throttle";
import {
  credentialType,
  getUserRealmSrf,
  type RealmFacts,
  throttledCredentialType,
  userRealmV1,
  userRealmV2,
} from "./realm-rules";

const login = z.string().trim().min(1).max(254);

/** What is known of an address; `account: false` skips the account lookup (a throttled answer). */
async function facts(ctx: IdentityContext, raw: string, lookUp = { account: true }): Promise<RealmFacts> {
  const domain = emailDomain(raw);
  const [tenant, account] = await Promise.all([
    domain ? tenantOfDomain(ctx.db, domain) : undefined,
    lookUp.account ? findAccountByEmail(ctx.db, raw) : undefined,
  ]);
  return {
    login: raw,
    domain,
    tenant: tenant ? { id: tenant.id, displayName: tenant.display_name } : undefined,
    account: account ? { kind: account.kind } : undefined,
  };
}

/** A route segment pattern matching `word` in any case (`[cC][oO]…`). */
const anyCase = (word: string): string =>
  [...word].map((c) => `[${c.toLowerCase()}${c.toUpperCase()}]`).join("");

/** Home-realm discovery endpoints clients call (shapes and meaning in realm-rules.ts). */
export function registerRealmRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const limits = lookupLimits(ctx.config);
  app.post("/common/GetCredentialType", { config: { csrf: false } }, async (request, reply) => {
    const body = z.object({ Username: login }).safeParse(request.body);
    if (!body.success) return reply.code(400).send({ error: "invalid_request" });
    const username = body.data.Username;
    const throttled = await lookupThrottled(ctx.counters, limits, { source: request.ip, username });
    const known = await facts(ctx, username, { account: !throttled });
    return reply
      .header("cache-control", "no-store")
      .send(throttled ? throttledCredentialType(known) : credentialType(known));
  });

  // ADAL calls `/common/UserRealm/{user}`, MSAL `/common/userrealm/{user}`: Entra takes any case.
  app.get<{ Params: { user: string } }>(
    `/:common(${anyCase("common")})/:realm(${anyCase("userrealm")})/:user`,
    async (request, reply) => {
      const user = login.safeParse(request.params.user);
      if (!user.success) return reply.code(400).send({ error: "invalid_request" });
      const version = (request.query as Record<string, string | undefined>)["api-version"];
      const f = await facts(ctx, user.data);
      return reply.send(version === "2.0" ? userRealmV2(f) : userRealmV1(f));
    },
  );

  app.get("/getuserrealm.srf", async (request, reply) => {
    const user = login.safeParse((request.query as Record<string, string | undefined>).login);
    if (!user.success) return reply.code(400).send({ error: "invalid_request" });
    return reply.send(getUserRealmSrf(await facts(ctx, user.data)));
  });
}
