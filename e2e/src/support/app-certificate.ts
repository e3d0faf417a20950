import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { addCertificate } from "@sesame/identity/apps/app-queries";
import { x5tOf } from "@sesame/identity/apps/certificate";
import type { IdentityContext } from "@sesame/identity/context";

export interface AppCertificate {
  readonly cert: X509Certificate;
  readonly keyPem: string;
  readonly keyFile: string;
  readonly certFile: string;
}

/**
 * A self-signed certificate made by openssl, as `sesame app cert add` would register it, uploaded
 * to an application's credentials: what a client proving itself with a certificate needs.
 */
export async function registerAppCertificate(
  ctx: Pick<IdentityContext, "db">,
  appObjectId: string,
  dir: string,
  commonName: string,
): Promise<AppCertificate> {
  const keyFile = path.join(dir, `${commonName}-key.pem`);
  const certFile = path.join(dir, `${commonName}-cert.pem`);
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyFile, "-out", certFile].concat([
      "-days",
      "2",
      "-subj",
      `/CN=${commonName}`,
    ]),
    { stdio: "ignore" },
  );
  const cert = new X509Certificate(fs.readFileSync(certFile, "utf8"));
  await addCertificate(ctx.db, appObjectId, {
    thumbprint: x5tOf(cert),
    certificatePem: cert.toString(),
    expiresAt: Date.parse(cert.validTo),
  });
  return { cert, keyPem: fs.readFileSync(keyFile, "utf8"), keyFile, certFile };
}
