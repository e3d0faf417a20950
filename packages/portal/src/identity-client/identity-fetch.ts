import fs from "node:fs";
import path from "node:path";
import { rootCertificates } from "node:tls";
import { Agent, fetch as undiciFetch } from "undici";

/** fetch as the portal uses it to talk to identity: the WHATWG signature, TLS always verified. */
export type IdentityFetch = (url: string, init?: RequestInit) => Promise<Response>;

/**
 * Trusts the system CAs plus, when present, the local CA the built-in identity made in the shared
 * data directory ($SESAME_DATA_DIR/tls/ca.pem). Against real Microsoft only the system CAs matter.
 */
export function identityFetch(dataDir: string, extraCa?: string): IdentityFetch {
  const caFile = path.join(dataDir, "tls", "ca.pem");
  const ca = extraCa ?? (fs.existsSync(caFile) ? fs.readFileSync(caFile, "utf8") : undefined);
  if (!ca) return (url, init) => fetch(url, init);
  const dispatcher = new Agent({ connect: { ca: [...rootCertificates, ca], timeout: 10_000 } });
  return (url, init) =>
    undiciFetch(url, { ...(init as Record<string, unknown>), dispatcher }) as unknown as Promise<Response>;
}
