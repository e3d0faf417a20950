/** A firm's folders when its admin has not set its own tree. */
export const defaultFolders: readonly string[] = ["Pièces comptables", "Fiscal", "Social", "Juridique"];

/** What a firm accepts when it has not chosen (content types as `file-type` names them). */
export const defaultAllowedTypes: readonly string[] = [
  "application/pdf",
  "image/jpeg",
  "image/png",
  "image/webp",
  "image/heic",
  "image/tiff",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
  "application/x-cfb",
  "text/plain",
];

/** Types the page shows inline (everything else is downloaded). */
export const previewable = (mime: string): boolean =>
  mime === "application/pdf" || ["image/jpeg", "image/png", "image/webp", "image/gif"].includes(mime);

/** What a person may do in one dossier's documents. Staff manage; a contact has their ticked rights. */
export interface DossierRights {
  readonly read: boolean;
  readonly upload: boolean;
  readonly approve: boolean;
  readonly manage: boolean;
}

export const staffRights: DossierRights = { read: true, upload: true, approve: true, manage: true };

/** Reading comes with uploading or approving (see the contact form). */
export function contactRights(row: {
  can_read: number;
  can_upload: number;
  can_approve: number;
}): DossierRights {
  const upload = row.can_upload === 1;
  const approve = row.can_approve === 1;
  return { read: row.can_read === 1 || upload || approve, upload, approve, manage: false };
}

/** How long a deleted document stays in the bin, restorable. */
export const BIN_DAYS = 30;
export const inBin = (deletedAt: number | null, now = Date.now()): boolean =>
  deletedAt !== null && now - deletedAt < BIN_DAYS * 24 * 3600 * 1000;

/** A document's name as stored: no path, no control characters, at most 200 characters. */
export function cleanName(raw: string): string | undefined {
  const base = raw.split(/[\\/]/).pop() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "");
  const name = clean.trim().slice(0, 200);
  return name === "" || name === "." || name === ".." ? undefined : name;
}

export const nameKey = (name: string): string => name.normalize("NFC").toLowerCase();
