import { createPrivateKey, KeyObject, webcrypto, X509Certificate } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ensurePrivateDir, tightenIfPresent } from "../files/private-files";
import { loadX509 } from "./x509";

export interface TlsMaterial {
  /** PEM of the local certificate authority: what NODE_EXTRA_CA_CERTS should point at. */
  readonly caFile: string;
  readonly cert: string;
  readonly key: string;
  readonly ca: string;
}

const algorithm = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const dayMs = 24 * 60 * 60 * 1000;

/**
 * Creates, on first start, a local certificate authority and a server certificate for `host`
 * (plus localhost and loopback addresses) under `<dataDir>/tls/`; reuses them afterwards.
 * The server certificate is re-issued when the host changes or it nears expiry.
 */
export async function ensureTlsMaterial(dataDir: string, host: string): Promise<TlsMaterial> {
  const dir = path.join(dataDir, "tls");
  ensurePrivateDir(dir);
  const files = {
    caCert: path.join(dir, "ca.pem"),
    caKey: path.join(dir, "ca-key.pem"),
    cert: path.join(dir, "server.pem"),
    key: path.join(dir, "server-key.pem"),
  };
  if (!fs.existsSync(files.caCert) || !fs.existsSync(files.caKey))
    await createAuthority(files.caCert, files.caKey);
  if (!serverCertificateFits(files.cert, host)) await issueServerCertificate(files, host);
  // Keys written by an older version with looser modes are tightened too.
  for (const key of [files.caKey, files.key]) tightenIfPresent(key);
  return {
    caFile: files.caCert,
    ca: fs.readFileSync(files.caCert, "utf8"),
    cert: fs.readFileSync(files.cert, "utf8"),
    key: fs.readFileSync(files.key, "utf8"),
  };
}

async function createAuthority(certFile: string, keyFile: string): Promise<void> {
  const x509 = await loadX509();
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: "CN=Sesame local development CA, O=Sesame",
    notBefore: new Date(Date.now() - dayMs),
    notAfter: new Date(Date.now() + 3650 * dayMs),
    keys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  writePrivate(keyFile, privateKeyPem(keys.privateKey));
  fs.writeFileSync(certFile, cert.toString("pem"));
}

async function issueServerCertificate(
  files: Record<"caCert" | "caKey" | "cert" | "key", string>,
  host: string,
) {
  const x509 = await loadX509();
  const ca = new x509.X509Certificate(fs.readFileSync(files.caCert, "utf8"));
  const caKey = await webcrypto.subtle.importKey(
    "pkcs8",
    pemBody(fs.readFileSync(files.caKey, "utf8")),
    algorithm,
    false,
    ["sign"],
  );
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);
  const names = new Set([host, "localhost"]);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${host}`,
    issuer: ca.subject,
    notBefore: new Date(Date.now() - dayMs),
    notAfter: new Date(Date.now() + 397 * dayMs),
    signingKey: caKey,
    publicKey: keys.publicKey,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...[...names].map((value) => ({ type: "dns" as const, value })),
        { type: "ip", value: "127.0.0.1" },
        { type: "ip", value: "::1" },
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(ca),
    ],
  });
  writePrivate(files.key, privateKeyPem(keys.privateKey));
  fs.writeFileSync(files.cert, cert.toString("pem"));
}

/** Read at every start, so with node:crypto: @peculiar/x509 loads only when a certificate is made. */
function serverCertificateFits(certFile: string, host: string): boolean {
  if (!fs.existsSync(certFile)) return false;
  const cert = new X509Certificate(fs.readFileSync(certFile));
  // "DNS:host, DNS:localhost, IP Address:127.0.0.1, …"
  const hasHost = (cert.subjectAltName ?? "").split(", ").includes(`DNS:${host}`);
  return hasHost && new Date(cert.validTo).getTime() - Date.now() > 30 * dayMs;
}

function privateKeyPem(key: CryptoKey): string {
  return KeyObject.from(key).export({ type: "pkcs8", format: "pem" }).toString();
}

function pemBody(pem: string): ArrayBuffer {
  const der = createPrivateKey(pem).export({ type: "pkcs8", format: "der" });
  return new Uint8Array(der).buffer;
}

function writePrivate(file: string, content: string): void {
  fs.writeFileSync(file, content, { mode: 0o600 });
}

function serial(): string {
  return Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)))
    .toString("hex")
    .replace(/^[89a-f]/, "1");
}
