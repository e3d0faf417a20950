import { audited } from "@sesame/kit/operations/audited";
import type { StaffRequest } from "../firms/firm-access";
import type { PortalContext } from "../service/portal-context";
import { findBranding, saveBrandingRow } from "./branding-queries";
import type { LogoType } from "./branding-rules";

export interface BrandingInput {
  readonly colour: string | null;
  readonly senderName: string | null;
  /** A new logo (type found in its content), "remove", or undefined to keep the current one. */
  readonly logo: { readonly bytes: Buffer; readonly type: LogoType } | "remove" | undefined;
}

/** The firm administrator sets the firm's look; the journal records it. */
export async function saveBranding(
  ctx: PortalContext,
  who: StaffRequest,
  input: BrandingInput,
): Promise<void> {
  await audited(ctx, { name: who.staff.email }, async (trx) => {
    const current = await findBranding(trx, who.firm.id);
    const logo =
      input.logo === "remove"
        ? { logo_base64: null, logo_type: null }
        : input.logo
          ? { logo_base64: input.logo.bytes.toString("base64"), logo_type: input.logo.type }
          : { logo_base64: current?.logo_base64 ?? null, logo_type: current?.logo_type ?? null };
    await saveBrandingRow(trx, {
      firm_id: who.firm.id,
      ...logo,
      colour: input.colour,
      sender_name: input.senderName,
      updated_at: Date.now(),
    });
    return {
      result: undefined,
      audit: { scope: who.firm.id, action: "firm.branding", target: who.firm.name },
    };
  });
}
