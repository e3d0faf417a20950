import { createHash, createPublicKey, X509Certificate } from "node:crypto";
import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import { decodeProtectedHeader, jwtVerify } from "jose";
import type { Kysely } from "kysely";
import { type Application, certificates } from "../apps/app-queries";
import { clientSecretMatches } from "../apps/client-secret";
import { AadstsError } from "../protocol/aadsts";
import type { IdentityDB } from "../storage/schema";
import type { HotCache } from "./hot-cache";
import type { ClientAuthLevel } from "./token-claims";
import type { ClientParams } from "./token-params";

const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

export interface AuthenticatedClient {
  readonly app: Application;
  readonly level: ClientAuthLevel;
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  if (!header?.startsWith("Basic ")) return undefined;
  const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return {
    id: decodeURIComponent(decoded.slice(0, colon)),
    secret: decodeURIComponent(decoded.slice(colon + 1)),
  };
}

/**
 * client_secret_basic, client_secret_post or private_key_jwt (an RS256/PS256 assertion signed with a
 * registered certificate: aud = this token endpoint, iss = sub = client id, jti used once).
 * Without any credential the client is public ("0") unless `confidentialRequired`.
 */
export async function authenticateClient(
  db: Kysely<IdentityDB>,
  cache: HotCache,
  input: {
    params: ClientParams;
    authorization: string | undefined;
    /** The token endpoint URLs an assertion may name as `aud`; worked out only for assertions. */
    audiences: () => string[];
    tenant: string;
    confidentialRequired: boolean;
  },
): Promise<AuthenticatedClient> {
  const { params } = input;
  const basic = basicCredentials(input.authorization);
  const clientId = params.client_id ?? basic?.id;
  if (!clientId) throw new AadstsError(900144, { name: "client_id" });
  const { app, secrets } = await cache.client(clientId);
  if (!app) throw new AadstsError(700016, { appId: clientId, tenant: input.tenant });
  const secret = params.client_secret ?? basic?.secret;
  if (secret !== undefined) {
    const now = Date.now();
    const ok = secrets.some((s) => s.expires_at > now && clientSecretMatches(secret, s.secret_hash));
    if (!ok) throw new AadstsError(7000215);
    return { app, level: "1" };
  }
  if (params.client_assertion !== undefined) {
    if (params.client_assertion_type !== JWT_BEARER)
      throw new AadstsError(900144, { name: "client_assertion_type" });
    await verifyAssertion(db, app, params.client_assertion, input.audiences());
    return { app, level: "2" };
  }
  if (input.confidentialRequired) throw new AadstsError(7000218);
  return { app, level: "0" };
}

async function verifyAssertion(
  db: Kysely<IdentityDB>,
  app: Application,
  assertion: string,
  audiences: string[],
) {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    throw new AadstsError(700027, { reason: "The assertion is not a JWT." });
  }
  // MSAL Python pads its x5t (`urlsafe_b64encode`): Entra reads it either way.
  const named = header["x5t#S256"] ?? header.x5t ?? header.kid;
  const wanted = typeof named === "string" ? named.replace(/=+$/, "") : named;
  const now = Date.now();
  const cert = (await certificates(db, app.id)).find((c) => {
    if (c.expires_at <= now) return false;
    const der = new X509Certificate(c.certificate_pem).raw;
    return c.thumbprint === wanted || createHash("sha256").update(der).digest("base64url") === wanted;
  });
  if (!cert) throw new AadstsError(700027, { reason: "The key used is not registered for the application." });
  let jti: unknown;
  let exp: number | undefined;
  try {
    const { payload } = await jwtVerify(assertion, createPublicKey(cert.certificate_pem), {
      audience: audiences,
      issuer: app.app_id,
      subject: app.app_id,
      algorithms: ["RS256", "PS256"],
      requiredClaims: ["exp", "jti"],
      clockTolerance: 300,
    });
    jti = payload.jti;
    exp = payload.exp;
  } catch {
    throw new AadstsError(700027, {
      reason: "The assertion's signature, audience, issuer, subject or lifetime is not valid.",
    });
  }
  try {
    await db
      .insertInto("client_assertion_jti")
      .values({ jti: `${app.app_id}:${String(jti)}`, expires_at: (exp ?? 0) * 1000 })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AadstsError(700027, { reason: "The assertion was already used (jti)." });
    throw error;
  }
}
