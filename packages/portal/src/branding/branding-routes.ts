import { loadOnce } from "@sesame/kit/modules/load-once";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { PortalError } from "../errors/portal-error";
import { firmOf, firmParams, staffOnly } from "../firms/firm-access";
import { registerMultipartForm } from "../forms/multipart-form";
import type { PortalContext } from "../service/portal-context";
import { withFlash } from "../ui/flash";
import { formBody, optionalText } from "../ui/form-body";
import { tr } from "../ui/page";
import { saveBranding } from "./branding-operations";

import { brandingPage } from "./branding-page";
import { findBranding } from "./branding-queries";
import { checkColour, checkSenderName, isLogoType, MAX_LOGO_BYTES } from "./branding-rules";

/** file-type loads with the first logo sent, not at the portal's start. */
const fileType = loadOnce("file-type", () => import("file-type"));

/** What onFile leaves in the body for the logo: its bytes in base64, "" for none, or "too_large". */
const TOO_LARGE = "too_large";

const brandingBody = formBody({
  logo: z.string().optional(),
  colour: optionalText,
  sender_name: optionalText,
  remove_logo: optionalText,
});

/** The firm's look (/{firm}/branding, admins) and its logo, served to anyone (/{firm}/logo). */
export function registerBrandingRoutes(fastify: FastifyInstance, ctx: PortalContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const admin = ["admin"] as const;

  app.get("/:firm/logo", { schema: { params: firmParams } }, async (request, reply) => {
    const firm = await firmOf(ctx, request);
    const branding = await findBranding(ctx.db, firm.id);
    if (!branding?.logo_base64 || !isLogoType(branding.logo_type ?? undefined))
      throw new PortalError(404, "branding.logo.none404");
    // The type found in the bytes at upload, never sniffed; kit's CSP (no inline script) goes with it.
    return reply
      .type(branding.logo_type ?? "application/octet-stream")
      .header("x-content-type-options", "nosniff")
      .header("cache-control", "public, max-age=300")
      .send(Buffer.from(branding.logo_base64, "base64"));
  });

  app.get("/:firm/branding", { schema: { params: firmParams } }, async (request, reply) =>
    staffOnly(ctx, request, reply, async (who) => brandingPage(ctx, request, reply, who, {}), admin),
  );

  registerMultipartForm(
    fastify,
    {
      maxFileBytes: MAX_LOGO_BYTES,
      throwFileSizeLimit: false,
      badUpload: "branding.badUpload",
      async readFile(part) {
        const bytes = await part.toBuffer();
        return part.file.truncated ? TOO_LARGE : bytes.toString("base64");
      },
    },
    (scope) => {
      const upload = scope.withTypeProvider<ZodTypeProvider>();
      upload.post(
        "/:firm/branding",
        { schema: { params: firmParams, body: brandingBody } },
        async (request, reply) =>
          staffOnly(
            ctx,
            request,
            reply,
            async (who) => {
              const t = tr(request);
              const body = request.body;
              const refuse = (field: "logo" | "colour" | "sender_name", message: string, status = 400) =>
                brandingPage(ctx, request, reply, who, { error: { field, message }, values: body }, status);
              const colour = checkColour(body.colour);
              if (!colour.ok)
                return refuse(
                  "colour",
                  colour.reason === "invalid"
                    ? t("branding.colour.invalid")
                    : t("branding.colour.contrast", { ratio: colour.ratio.toLocaleString(request.locale) }),
                );
              const sender = checkSenderName(body.sender_name);
              if (!sender.ok) return refuse("sender_name", t("branding.sender.invalid"));
              let logo: Parameters<typeof saveBranding>[2]["logo"] =
                body.remove_logo === "1" ? "remove" : undefined;
              if (body.logo === TOO_LARGE)
                return refuse("logo", t("branding.logo.tooLarge", { kb: MAX_LOGO_BYTES / 1024 }), 413);
              if (body.logo) {
                const bytes = Buffer.from(body.logo, "base64");
                const type = (await (await fileType()).fileTypeFromBuffer(bytes))?.mime;
                if (!isLogoType(type)) return refuse("logo", t("branding.logo.type"), 415);
                logo = { bytes, type };
              }
              await saveBranding(ctx, who, { colour: colour.colour, senderName: sender.name, logo });
              return reply.redirect(withFlash(`/${who.firm.code}/branding`, "brandingSaved"), 303);
            },
            admin,
          ),
      );
    },
  );
}
