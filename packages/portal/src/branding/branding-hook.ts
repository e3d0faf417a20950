import type { BrandMark } from "@sesame/kit/ui/layout";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { FIRM_CODE } from "../firms/firm-queries";
import type { PortalContext } from "../service/portal-context";
import { brandingByCode } from "./branding-queries";

declare module "fastify" {
  interface FastifyRequest {
    /** The look of the firm in this page's address (/{firm}/…), when there is one. */
    firmBrand?: BrandMark;
  }
}

/**
 * Pages under /{firm}/ wear the firm's name, logo and colour instead of "Espace collaboratif": the
 * guide a client opens, the signed-in pages (issue 13). One small query per page request.
 */
export function registerBrandingHook(fastify: FastifyInstance, ctx: PortalContext): void {
  fastify.addHook("preHandler", async (request: FastifyRequest) => {
    const code = (request.params as { firm?: unknown } | undefined)?.firm;
    if (typeof code !== "string" || !FIRM_CODE.test(code) || request.method === "HEAD") return;
    const firm = await brandingByCode(ctx.db, code);
    if (!firm) return;
    request.firmBrand = {
      name: firm.name,
      logoUrl: firm.logo_type ? `/${firm.code}/logo?v=${String(firm.updated_at)}` : undefined,
      accent: firm.colour ?? undefined,
    };
  });
}
