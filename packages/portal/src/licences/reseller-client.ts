import { z } from "zod";
import type { IdentityFetch } from "../identity-client/identity-fetch";
import type { PortalContext } from "../service/portal-context";
import { apiFailure, type Outcome, tokenFailure } from "./licence-rules";

/**
 * The portal's client of identity's reseller API: a client-credentials token from the firm's tenant
 * for `api://sesame-reseller/.default`, then `POST/GET {authority}/reseller/api/licence-requests`.
 *
 * Real Microsoft Entra ID has no such API: in that mode this client is never used (see
 * `hasResellerApi` in licence-rules.ts).
 */
export const RESELLER_SCOPE = "api://sesame-reseller/.default";

export const remoteRequest = z.object({
  id: z.string().min(1).max(64),
  status: z.enum(["received", "fulfilled", "declined"]),
  note: z.string().nullable().optional(),
  /** The reseller's reason when it refused. */
  statusReason: z.string().max(500).nullable().optional(),
});
export type RemoteRequest = z.infer<typeof remoteRequest>;

export interface NewRemoteRequest {
  readonly customerName: string;
  readonly contactEmail: string;
  readonly customerTenantId: string;
  readonly skuPartNumber: string;
  readonly quantity: number;
  readonly note: string;
}

async function bodyOf(response: Response): Promise<Record<string, unknown>> {
  return ((await response.json().catch(() => ({}))) ?? {}) as Record<string, unknown>;
}

export interface ResellerClient {
  create(input: NewRemoteRequest, timeoutMs?: number): Promise<Outcome<RemoteRequest>>;
  read(id: string, timeoutMs?: number): Promise<Outcome<RemoteRequest>>;
}

export function resellerClient(ctx: PortalContext): ResellerClient {
  const fetch: IdentityFetch = ctx.fetch;
  const { authority } = ctx;
  let cached: { token: string; until: number } | undefined;
  let asking: Promise<Outcome<string>> | undefined;

  /** One token request at a time, shared by concurrent calls (a page refreshing several rows). */
  function token(timeoutMs: number): Promise<Outcome<string>> {
    asking ??= askToken(timeoutMs).finally(() => {
      asking = undefined;
    });
    return asking;
  }

  async function askToken(timeoutMs: number): Promise<Outcome<string>> {
    if (cached && cached.until > Date.now()) return { kind: "ok", value: cached.token };
    const response = await fetch(
      `${authority}/${encodeURIComponent(ctx.config.SESAME_FIRM_TENANT)}/oauth2/v2.0/token`,
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: ctx.config.SESAME_CLIENT_ID,
          client_secret: ctx.config.SESAME_CLIENT_SECRET,
          scope: RESELLER_SCOPE,
        }).toString(),
        signal: AbortSignal.timeout(timeoutMs),
      },
    );
    const body = await bodyOf(response);
    if (response.ok && typeof body.access_token === "string") {
      const seconds = Number(body.expires_in ?? 300);
      cached = { token: body.access_token, until: Date.now() + Math.max(0, seconds - 60) * 1000 };
      return { kind: "ok", value: body.access_token };
    }
    return tokenFailure(response.status, body);
  }

  async function call(path: string, init: RequestInit, timeoutMs: number): Promise<Outcome<RemoteRequest>> {
    try {
      const bearer = await token(timeoutMs);
      if (bearer.kind !== "ok") return bearer;
      const response = await fetch(`${authority}/reseller/api/licence-requests${path}`, {
        ...init,
        headers: {
          accept: "application/json",
          "content-type": "application/json",
          authorization: `Bearer ${bearer.value}`,
        },
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = await bodyOf(response);
      if (response.ok) {
        const parsed = remoteRequest.safeParse(body);
        return parsed.success
          ? { kind: "ok", value: parsed.data }
          : { kind: "retry", error: "reseller API: unexpected answer" };
      }
      if (response.status === 401) cached = undefined;
      return apiFailure(response.status, body);
    } catch (error) {
      return { kind: "retry", error: error instanceof Error ? error.message.slice(0, 500) : String(error) };
    }
  }

  return {
    create: (input, timeoutMs = 10_000) =>
      call("", { method: "POST", body: JSON.stringify(input) }, timeoutMs),
    read: (id, timeoutMs = 2_000) => call(`/${encodeURIComponent(id)}`, { method: "GET" }, timeoutMs),
  };
}
