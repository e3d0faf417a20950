import { parse } from "csv-parse/sync";
import { parseContact } from "../contacts/contact-input";
import type { ContactInput, DossierRights } from "../contacts/contact-queries";
import { normalizeEmail } from "../contacts/contact-queries";
import { parseDossier } from "../dossiers/dossier-input";
import type { DossierInput } from "../dossiers/dossier-queries";
import { cleanDigits } from "../dossiers/siren";
import type { MessageKey } from "../i18n/messages";

export type ImportKind = "dossiers" | "interlocuteurs";

export interface LineError {
  readonly line: number;
  readonly problems: readonly MessageKey[];
}

/** What the file must be checked against: what the firm already has. */
export interface ImportLookups {
  readonly accountantIdByEmail: ReadonlyMap<string, string>;
  readonly existingSirens: ReadonlySet<string>;
  readonly existingEmails: ReadonlySet<string>;
  readonly dossierIdBySiren: ReadonlyMap<string, string>;
}

export type ImportPlan =
  | { readonly kind: "dossiers"; readonly rows: DossierInput[]; readonly errors: LineError[] }
  | {
      readonly kind: "interlocuteurs";
      readonly rows: { contact: ContactInput; links: DossierRights[] }[];
      readonly errors: LineError[];
    };

/** French spreadsheets write ";" between cells, others ","; the header line tells which. */
function delimiterOf(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? "";
  return (header.match(/;/g)?.length ?? 0) >= (header.match(/,/g)?.length ?? 0) ? ";" : ",";
}

/** Header names as people write them, mapped to the form's field names. */
const aliases: Record<string, string> = {
  "raison sociale": "name",
  nom_dossier: "name",
  societe: "name",
  société: "name",
  name: "name",
  siren: "siren",
  siret: "siret",
  adresse: "address",
  address: "address",
  "expert-comptable": "accountant",
  expert_comptable: "accountant",
  accountant: "accountant",
  etat: "status",
  état: "status",
  status: "status",
  civilite: "civility",
  civilité: "civility",
  civility: "civility",
  prenom: "first_name",
  prénom: "first_name",
  first_name: "first_name",
  nom: "last_name",
  last_name: "last_name",
  email: "email",
  courriel: "email",
  telephone: "phone",
  téléphone: "phone",
  phone: "phone",
  langue: "language",
  language: "language",
  dossier: "dossier",
  dossiers: "dossier",
  droits: "rights",
  rights: "rights",
};

const statusAliases: Record<string, string> = {
  "en cours d'ouverture": "onboarding",
  actif: "active",
  archivé: "archived",
  archive: "archived",
};

type Parsed = { line: number; record: Record<string, string> }[];

function readCsv(text: string): Parsed | undefined {
  try {
    const rows = parse(text.replace(/^\uFEFF/, ""), {
      columns: (header: string[]) =>
        header.map((h) => aliases[h.trim().toLowerCase()] ?? h.trim().toLowerCase()),
      delimiter: delimiterOf(text),
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as { record: Record<string, string>; info: { lines: number } }[];
    return rows.map((r) => ({ line: r.info.lines, record: r.record }));
  } catch {
    return undefined;
  }
}

/** Checks every line of a file; the plan is applied only when it has no error at all. */
export function planImport(
  kind: ImportKind,
  text: string,
  lookups: ImportLookups,
): ImportPlan | "unreadable" {
  const parsed = readCsv(text);
  if (!parsed || parsed.length === 0) return "unreadable";
  return kind === "dossiers" ? planDossiers(parsed, lookups) : planContacts(parsed, lookups);
}

function planDossiers(parsed: Parsed, lookups: ImportLookups): ImportPlan {
  const rows: DossierInput[] = [];
  const errors: LineError[] = [];
  const seen = new Set<string>();
  for (const { line, record } of parsed) {
    const problems: MessageKey[] = [];
    const accountant = record.accountant?.trim()
      ? lookups.accountantIdByEmail.get(normalizeEmail(record.accountant))
      : "";
    if (accountant === undefined) problems.push("import.error.accountant");
    const status =
      statusAliases[record.status?.trim().toLowerCase() ?? ""] ?? (record.status?.trim() || "onboarding");
    const result = parseDossier(
      { ...record, accountant_id: accountant ?? "", status },
      accountant ? [accountant] : [],
    );
    if (!result.ok) problems.push(...Object.values(result.errors));
    const siren = cleanDigits(record.siren ?? "");
    if (result.ok && (lookups.existingSirens.has(siren) || seen.has(siren)))
      problems.push("import.error.sirenTaken");
    seen.add(siren);
    if (problems.length > 0) errors.push({ line, problems });
    else if (result.ok) rows.push(result.input);
  }
  return { kind: "dossiers", rows, errors };
}

function rightsOf(value: string | undefined) {
  const v = (value ?? "lecture").toLowerCase();
  return { read: true, upload: /d[ée]p[oô]t|upload/.test(v), approve: /validation|approve/.test(v) };
}

function planContacts(parsed: Parsed, lookups: ImportLookups): ImportPlan {
  const rows: { contact: ContactInput; links: DossierRights[] }[] = [];
  const errors: LineError[] = [];
  const seen = new Set<string>();
  for (const { line, record } of parsed) {
    const problems: MessageKey[] = [];
    const result = parseContact(record);
    if (!result.ok) problems.push(...Object.values(result.errors));
    const email = normalizeEmail(record.email ?? "");
    if (result.ok && (lookups.existingEmails.has(email) || seen.has(email)))
      problems.push("import.error.emailTaken");
    seen.add(email);
    const links: DossierRights[] = [];
    for (const siren of (record.dossier ?? "")
      .split(/[|,\s]+/)
      .map(cleanDigits)
      .filter(Boolean)) {
      const dossierId = lookups.dossierIdBySiren.get(siren);
      if (!dossierId) problems.push("import.error.dossier");
      else links.push({ dossierId, ...rightsOf(record.rights) });
    }
    if (problems.length > 0) errors.push({ line, problems: [...new Set(problems)] });
    else if (result.ok) rows.push({ contact: result.input, links });
  }
  return { kind: "interlocuteurs", rows, errors };
}
