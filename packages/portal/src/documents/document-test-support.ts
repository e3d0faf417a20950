import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { insertContact, linkDossier } from "../contacts/contact-queries";
import { insertDossier } from "../dossiers/dossier-queries";
import type { Firm, Staff } from "../firms/firm-queries";
import type { PortalContext } from "../service/portal-context";
import { createSession } from "../sessions/session-store";
import { type PortalBrowser, seedTestFirm } from "../testing/portal-harness";

/** A minimal one-page PDF (what file-type recognises and pdf.js renders). */
export function tinyPdf(text = "Bilan 2025"): Buffer {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${32 + text.length} >>\nstream\nBT /F1 24 Tf 30 100 Td (${text}) Tj ET\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** A 1×1 PNG. */
export const tinyPng = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

export function multipart(files: readonly { name: string; content: Buffer }[]): {
  payload: Buffer;
  contentType: string;
} {
  const boundary = `----sesame${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      f.content,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Uploads files as the page's script does (JSON answer, token in a header). */
export async function upload(
  app: FastifyInstance,
  browser: PortalBrowser,
  path: string,
  folderId: string,
  files: readonly { name: string; content: Buffer }[],
  csrf: string,
): Promise<LightMyRequestResponse> {
  const { payload, contentType } = multipart(files);
  return app.inject({
    method: "POST",
    url: `${path}?folder=${folderId}`,
    payload,
    headers: {
      "content-type": contentType,
      accept: "application/json",
      "x-csrf-token": csrf,
      cookie: browser.cookieHeader,
    },
  });
}

export interface DocumentWorld {
  readonly firm: Firm;
  readonly admin: Staff;
  readonly dossierA: string;
  readonly dossierB: string;
  /** Read and upload on A only. */
  readonly uploaderA: string;
  /** Read only on A; read and upload on B. */
  readonly readerA: string;
  readonly otherFirm: Firm;
  readonly otherAdmin: Staff;
  readonly otherDossier: string;
}

let siren = 100000000;
const dossier = async (ctx: PortalContext, firm: Firm, name: string) =>
  (
    await insertDossier(ctx.db, firm.id, {
      name,
      siren: String(siren++),
      siret: null,
      address: "1 rue du Port",
      accountantId: null,
      status: "active",
    })
  ).id;

const contact = async (ctx: PortalContext, firm: Firm, email: string) =>
  (
    await insertContact(ctx.db, firm.id, {
      civility: "mme",
      firstName: "Claire",
      lastName: email.split("@")[0] ?? "X",
      email,
      phone: null,
      language: "fr",
    })
  ).id;

/** Two firms; in the first, dossiers A and B and two contacts of A with different rights. */
export async function seedDocumentWorld(ctx: PortalContext): Promise<DocumentWorld> {
  const { firm, admin } = await seedTestFirm(ctx, "YPN");
  const { firm: otherFirm, admin: otherAdmin } = await seedTestFirm(ctx, "AUTRE");
  const dossierA = await dossier(ctx, firm, "Boulangerie A");
  const dossierB = await dossier(ctx, firm, "Garage B");
  const otherDossier = await dossier(ctx, otherFirm, "Autre cabinet");
  const uploaderA = await contact(ctx, firm, "claire@client-a.example");
  await linkDossier(ctx.db, uploaderA, { dossierId: dossierA, read: true, upload: true, approve: false });
  const readerA = await contact(ctx, firm, "lecteur@client-a.example");
  await linkDossier(ctx.db, readerA, { dossierId: dossierA, read: true, upload: false, approve: false });
  await linkDossier(ctx.db, readerA, { dossierId: dossierB, read: true, upload: true, approve: false });
  return { firm, admin, dossierA, dossierB, uploaderA, readerA, otherFirm, otherAdmin, otherDossier };
}

/** The Cookie header of a staff session of the world's firm admin (for clients outside app.inject). */
export async function adminSessionCookie(
  ctx: PortalContext,
  w: DocumentWorld,
  name: string,
): Promise<string> {
  const session = await createSession(ctx.db, {
    kind: "staff",
    firmId: w.firm.id,
    subjectId: w.admin.id,
    tid: "t",
    oid: "o",
    name,
    idToken: "",
  });
  return `__Host-portal_session=${session}`;
}

/** The upload token of the last documents page this browser saw. */
export const uploadToken = (browser: PortalBrowser): string =>
  /data-csrf="([^"]+)"/.exec(browser.html)?.[1] ?? "";

/**
 * Flips one byte in the middle of a stored blob (a disk path, or an object key under s3rver's
 * folder). `keepTimes`: its access and modification times are then put back to the nanosecond
 * (`touch -r`, utimensat), as a careful tamperer would; only its ctime tells.
 */
export function alterStored(location: string, s3BucketDir?: string, options = { keepTimes: false }): void {
  const file = s3BucketDir ? findObjectFile(s3BucketDir, path.basename(location)) : location;
  const times = `${file}.times`;
  if (options.keepTimes) execFileSync("touch", ["-r", file, times]);
  const fd = fs.openSync(file, "r+");
  const one = Buffer.alloc(1);
  const at = Math.floor(fs.fstatSync(fd).size / 2);
  fs.readSync(fd, one, 0, 1, at);
  one[0] = (one[0] ?? 0) ^ 0xff;
  fs.writeSync(fd, one, 0, 1, at);
  fs.closeSync(fd);
  if (!options.keepTimes) return;
  execFileSync("touch", ["-r", times, file]);
  fs.rmSync(times);
}

function findObjectFile(dir: string, name: string): string {
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.startsWith(name) && !entry.name.includes("metadata"))
      return path.join(entry.parentPath, entry.name);
  }
  throw new Error(`no stored object ${name} under ${dir}`);
}
