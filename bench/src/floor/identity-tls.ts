import fs from "node:fs";
import path from "node:path";

/** TLS material a peer or floor server presents: identity's own certificate and key, read from its data directory. */
export interface TlsMaterial {
  readonly cert: string;
  readonly key: string;
  readonly ca: string;
}

/**
 * The certificate and key identity generated in its data directory (tls/), and the CA the load
 * generator trusts: every server a bench compares presents the very same certificate, so the TLS
 * handshake and record work cost the same on each side.
 */
export function identityTls(identity: { dataDir?: string }): TlsMaterial {
  return tlsFilesOf(path.join(identity.dataDir ?? "", "tls"));
}

/** The same files from a tls/ directory itself (server.pem, server-key.pem, ca.pem). */
export function tlsFilesOf(tlsDir: string): TlsMaterial {
  const read = (file: string) => fs.readFileSync(path.join(tlsDir, file), "utf8");
  return { cert: read("server.pem"), key: read("server-key.pem"), ca: read("ca.pem") };
}
