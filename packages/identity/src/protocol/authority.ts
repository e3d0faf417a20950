import type { Kysely } from "kysely";
import { z } from "zod";
import type { IdentityDB } from "../storage/schema";
import { resolveTenantSegment, type TenantSegment } from "../tenants/tenant-queries";
import { AadstsError } from "./aadsts";

/** The `{tenant}` of a request path, resolved: what the endpoints and issuers of that authority are. */
export interface Authority {
  readonly segment: TenantSegment;
  /** As it appears in endpoint URLs: common, organizations, consumers or the tenant GUID. */
  readonly pathSegment: string;
  /** The tenant GUID, or undefined for common/organizations (issuer template `{tenantid}`). */
  readonly tenantId: string | undefined;
}

/** The route parameters of every `/{tenant}/…` protocol endpoint; resolved by `resolveAuthority`. */
export const tenantPath = z.object({ tenant: z.string().min(1) });

export async function resolveAuthority(db: Kysely<IdentityDB>, raw: string): Promise<Authority> {
  const segment = await resolveTenantSegment(db, raw);
  if (!segment) throw new AadstsError(90002, { tenant: raw });
  switch (segment.kind) {
    case "common":
    case "organizations":
      return { segment, pathSegment: segment.kind, tenantId: undefined };
    case "consumers":
      return {
        segment,
        pathSegment: raw.toLowerCase() === "consumers" ? "consumers" : segment.tenant.id,
        tenantId: segment.tenant.id,
      };
    case "tenant":
      return { segment, pathSegment: segment.tenant.id, tenantId: segment.tenant.id };
  }
}

/**
 * Issuers as Entra shapes them, on this single host. v2: `https://<host>/{tid}/v2.0`. v1: Entra uses
 * `https://sts.windows.net/{tid}/`, a second host we do not have; `https://<host>/{tid}/` keeps the
 * v1 shape (tenant GUID, trailing slash, no version) while staying on the one host whose certificate
 * clients already trust, and stays distinct from the v2 issuer as the two are at Microsoft.
 */
export const v2Issuer = (origin: string, tid: string): string => `${origin}/${tid}/v2.0`;
export const v1Issuer = (origin: string, tid: string): string => `${origin}/${tid}/`;
