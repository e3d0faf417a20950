import fs from "node:fs";
import path from "node:path";
import { rootCertificates } from "node:tls";
import { loadOnce } from "@sesame/kit/modules/load-once";
import type { Agent } from "undici";

/** undici loads with the first call to identity (a sign-in), not at the portal's start. */
const undici = loadOnce("undici", () => import("undici"));

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
  let dispatcher: Agent | undefined;
  return async (url, init) => {
    const { Agent, fetch: undiciFetch } = await undici();
    dispatcher ??= new Agent({ connect: { ca: [...rootCertificates, ca], timeout: 10_000 } });
    return undiciFetch(url, {
      ...(init as Record<string, unknown>),
      dispatcher,
    }) as unknown as Promise<Response>;
  };
}
