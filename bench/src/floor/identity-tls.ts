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
export function identityTls(identity: { dataDir?: string; ca: string }): TlsMaterial {
  const tlsDir = path.join(identity.dataDir ?? "", "tls");
  return {
    cert: fs.readFileSync(path.join(tlsDir, "server.pem"), "utf8"),
    key: fs.readFileSync(path.join(tlsDir, "server-key.pem"), "utf8"),
    ca: identity.ca,
  };
}
