import { commonConfigSchema } from "@sesame/kit/config/common-config";
import { loadConfig } from "@sesame/kit/config/load-config";
import { z } from "zod";

/** Portal settings: common ones plus where identity (or real Microsoft Entra ID) lives. */
export const portalConfigSchema = commonConfigSchema.extend({
  /** Unset: the built-in identity service at https://SESAME_PUBLIC_HOST:SESAME_IDENTITY_PORT. */
  SESAME_IDENTITY_AUTHORITY: z
    .string()
    .url("must be an https:// URL")
    .startsWith("https://", "must use https")
    .optional(),
});

export type PortalConfig = z.infer<typeof portalConfigSchema>;

export function loadPortalConfig(env: Record<string, string | undefined> = process.env): PortalConfig {
  return loadConfig(portalConfigSchema, env);
}
