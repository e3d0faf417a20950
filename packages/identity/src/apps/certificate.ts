import { X509Certificate } from "node:crypto";

/** x5t: base64url of the certificate's SHA-1 thumbprint, as Entra and MSAL compute it. */
export function x5tOf(cert: X509Certificate): string {
  return Buffer.from(cert.fingerprint.replace(/:/g, ""), "hex").toString("base64url");
}

/** Parses an uploaded certificate; undefined when it is not a PEM X.509 certificate. */
export function parseCertificate(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}
