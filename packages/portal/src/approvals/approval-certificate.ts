import { loadOnce } from "@sesame/kit/modules/load-once";
import type { PDFFont } from "pdf-lib";
import { formatDate } from "../firms/firm-nav";
import type { T } from "../i18n/messages";
import type { Approval } from "./approval-queries";

/** pdf-lib and its fonts load with the first certificate asked for, not at the portal's start. */
const pdfLib = loadOnce("pdf-lib", () => import("pdf-lib"));

/** What the standard PDF fonts can draw (WinAnsi); anything else becomes "?". */
function drawable(font: PDFFont, text: string): string {
  return Array.from(text.replace(/[\r\n\t]+/g, " "))
    .map((ch) => {
      try {
        font.encodeText(ch);
        return ch;
      } catch {
        return "?";
      }
    })
    .join("");
}

/** Splits a text into lines that fit `width` at `size` (long words, like a hash, are cut). */
function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    let w = word;
    while (font.widthOfTextAtSize(w, size) > width) {
      let cut = w.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(w.slice(0, cut), size) > width) cut--;
      if (line) lines.push(line);
      lines.push(w.slice(0, cut));
      line = "";
      w = w.slice(cut);
    }
    const next = line ? `${line} ${w}` : w;
    if (font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = w;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The approval certificate: one A4 page stating what was decided about which exact bytes (the
 * version's SHA-256), by whom (name, tid, oid from the fresh sign-in's ID token), when, from where.
 */
export async function approvalCertificate(
  t: T,
  locale: "fr" | "en",
  input: { approval: Approval; firm: string; dossier: string; contact: string },
): Promise<Uint8Array> {
  const { approval: a } = input;
  const { PDFDocument, rgb, StandardFonts } = await pdfLib();
  const pdf = await PDFDocument.create();
  pdf.setTitle(t("approval.certificate.title"));
  pdf.setCreator("Sésame");
  pdf.setCreationDate(new Date(a.decided_at ?? Date.now()));
  const page = pdf.addPage([595, 842]);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let y = 780;
  const write = (text: string, font: PDFFont, size: number) => {
    for (const line of wrap(font, drawable(font, text), size, 495)) {
      page.drawText(line, { x: 50, y, size, font, color: rgb(0.1, 0.1, 0.1) });
      y -= size + 6;
    }
  };
  write(t("approval.certificate.title"), bold, 20);
  y -= 10;
  const date = (at: number | null) =>
    at === null ? "-" : `${formatDate(at, locale)} (${new Date(at).toISOString()})`;
  const rows: [string, string][] = [
    [t("approval.certificate.firm"), input.firm],
    [t("approval.certificate.dossier"), input.dossier],
    [t("approval.document"), a.document_name],
    [t("approval.version"), `v${a.version_number}`],
    [t("approval.sha256"), a.sha256],
    [t("approval.contact"), input.contact],
    [t("approval.requestedBy", { by: a.requested_by, date: formatDate(a.requested_at, locale) }), ""],
    [t(`approval.status.${a.status}`), date(a.decided_at)],
    [t("approval.signer"), a.signer_name ?? "-"],
    [t("approval.signer.ids"), `${a.signer_tid ?? "-"} / ${a.signer_oid ?? "-"}`],
    [t("approval.authTime"), date(a.auth_time)],
    [t("approval.where"), `${a.signer_ip ?? "-"} · ${a.signer_user_agent ?? "-"}`],
    [t("approval.comment"), a.comment ?? "-"],
    ["ID", a.id],
  ];
  for (const [label, value] of rows) {
    write(label, bold, 11);
    if (value) write(value, regular, 11);
    y -= 4;
  }
  return pdf.save();
}
