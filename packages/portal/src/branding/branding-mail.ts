import { escapeHtml } from "@sesame/kit/ui/html";
import type { Kysely } from "kysely";
import type { FirmTable } from "../storage/firm-tables";
import type { PortalDB } from "../storage/schema";
import { fromHeader } from "./branding-rules";

/**
 * How a firm's mails look (issue 13): From with the firm's sender name (its name by default), and
 * an HTML header with its logo or its name, so the client sees the firm, not the portal.
 */
export async function firmMailLook(
  db: Kysely<PortalDB>,
  firm: Pick<FirmTable, "id" | "code" | "name">,
  input: { origin: string; address: string },
): Promise<{ from: string; htmlHeader: string }> {
  const branding = await db
    .selectFrom("firm_branding")
    .select(["sender_name", "logo_type", "updated_at"])
    .where("firm_id", "=", firm.id)
    .executeTakeFirst();
  const name = escapeHtml(firm.name);
  const logo = branding?.logo_type
    ? `<img src="${escapeHtml(`${input.origin}/${firm.code}/logo?v=${branding.updated_at}`)}" alt="${name}" height="48">`
    : `<strong>${name}</strong>`;
  return {
    from: fromHeader(branding?.sender_name ?? firm.name, input.address),
    htmlHeader: `<p>${logo}</p>`,
  };
}
