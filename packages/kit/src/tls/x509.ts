import { webcrypto } from "node:crypto";
import { loadOnce } from "../modules/load-once";

/**
 * @peculiar/x509 (with the reflect-metadata it needs, and its ASN.1 stack: about a quarter of a
 * service's start-up time and 20 MB) is only needed to MAKE a certificate: the local TLS authority on
 * a first start, a token-signing key. Reading one is node:crypto's X509Certificate. So it loads with
 * the first certificate made, set to use Node's WebCrypto.
 */
export const loadX509 = loadOnce("@peculiar/x509", async () => {
  await import("reflect-metadata");
  const x509 = await import("@peculiar/x509");
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  return x509;
});
