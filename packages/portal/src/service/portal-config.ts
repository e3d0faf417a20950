import { commonConfigSchema } from "@sesame/kit/config/common-config";
import { loadConfig } from "@sesame/kit/config/load-config";
import { z } from "zod";
import { documentConfigShape } from "./document-config";

/** The portal application registered in the built-in identity's demo data (the seed's client id). */
export const DEMO_CLIENT_ID = "ff28182b-b927-4697-9f0e-3d38e40971a8";
export const DEMO_CLIENT_SECRET = "sesame-demo-portal-secret";

/** Portal settings: common ones plus where identity (or real Microsoft Entra ID) lives. */
export const portalConfigSchema = commonConfigSchema.extend({
  /** Unset: the built-in identity service at https://SESAME_PUBLIC_HOST:SESAME_IDENTITY_PORT. */
  SESAME_IDENTITY_AUTHORITY: z
    .string()
    .url("must be an https:// URL")
    .startsWith("https://", "must use https")
    .transform((v) => v.replace(/\/+$/, ""))
    .optional(),
  /** The firm application's client id at the authority (Entra: "Application (client) ID"). */
  SESAME_CLIENT_ID: z.string().uuid("must be the application (client) id, a GUID").default(DEMO_CLIENT_ID),
  /** The application's client secret value (Entra: "Certificates & secrets", the Value column). */
  SESAME_CLIENT_SECRET: z.string().min(8, "must be the client secret value").default(DEMO_CLIENT_SECRET),
  /**
   * The firm's own Microsoft tenant (its GUID or a verified domain): where the portal asks for its
   * client-credentials token to call identity's reseller API. Default: the demo firm's tenant.
   */
  SESAME_FIRM_TENANT: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.-]{3,253}$/, "must be the tenant id (GUID) or a domain of the firm")
    .default("ypn-expertise.fr"),
  ...documentConfigShape,
});

export type PortalConfig = z.infer<typeof portalConfigSchema>;

export function loadPortalConfig(env: Record<string, string | undefined> = process.env): PortalConfig {
  return loadConfig(portalConfigSchema, env);
}
