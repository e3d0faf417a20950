import { z } from "zod";

/** The caller a bearer token proves: a client application acting for its tenant (client credentials). */
export interface ApiCaller {
  readonly appId: string;
  readonly tenantId: string;
  readonly roles: readonly string[];
}

/** Checks `Authorization: Bearer …` (audience, signature, expiry); undefined when invalid. */
export type BearerVerifier = (token: string) => Promise<ApiCaller | undefined>;

/** The app role a client needs (application permission on identity's reseller API). */
export const LICENCE_REQUEST_ROLE = "LicenceRequests.ReadWrite";

export const licenceRequestBody = z.object({
  customerName: z.string().trim().min(1).max(256),
  contactEmail: z.string().trim().email().max(254),
  customerTenantId: z.string().uuid().optional(),
  skuPartNumber: z.string().trim().min(1).max(64),
  quantity: z.number().int().min(1).max(10_000),
  note: z.string().max(2000).optional(),
});

export const licenceRequestView = z.object({
  id: z.string(),
  status: z.enum(["received", "fulfilled", "declined"]),
  customerName: z.string(),
  customerTenantId: z.string().nullable(),
  skuPartNumber: z.string(),
  quantity: z.number(),
  note: z.string().nullable(),
  statusReason: z.string().nullable(),
  createdDateTime: z.string(),
  lastModifiedDateTime: z.string(),
});
