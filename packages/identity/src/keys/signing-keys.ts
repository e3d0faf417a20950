import { createHash, webcrypto } from "node:crypto";
import { loadX509 } from "@sesame/kit/tls/x509";
import type { Kysely } from "kysely";
import type { IdentityDB } from "../storage/schema";
import { encryptKey } from "./key-encryption";

type Db = Kysely<IdentityDB>;
const algorithm = {
  name: "RSASSA-PKCS1-v1_5",
  hash: "SHA-256",
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
} as const;
const dayMs = 24 * 60 * 60 * 1000;
/** Longest lifetime of a token we sign (1 h) plus clock skew: how long a retired key stays published. */
export const RETIRED_KEY_PUBLISHED_MS = 65 * 60 * 1000 + 60 * 60 * 1000;

export interface PublishedKey {
  readonly kid: string;
  readonly n: string;
  readonly e: string;
  readonly x5c: string;
}

/**
 * A new RSA 2048 key with a 5-year self-signed certificate, as Microsoft publishes (x5c); its kid is
 * the certificate's x5t (base64url SHA-1 thumbprint), so kid == x5t as in every Entra JWKS.
 */
export async function createSigningKey(db: Db, kek: Buffer): Promise<string> {
  const x509 = await loadX509();
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Date.now().toString(16),
    name: "CN=Sesame token signing",
    notBefore: new Date(Date.now() - dayMs),
    notAfter: new Date(Date.now() + 5 * 365 * dayMs),
    keys,
    signingAlgorithm: algorithm,
  });
  const der = Buffer.from(cert.rawData);
  const kid = createHash("sha1").update(der).digest("base64url");
  const jwk = await webcrypto.subtle.exportKey("jwk", keys.publicKey);
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey));
  await db
    .insertInto("signing_key")
    .values({
      kid,
      public_jwk: JSON.stringify({ kty: "RSA", n: jwk.n, e: jwk.e }),
      certificate: der.toString("base64"),
      private_key: encryptKey(kek, pkcs8, kid),
      created_at: Date.now(),
      retired_at: null,
      published_until: null,
    })
    .execute();
  return kid;
}

/** The new key signs from now on; the previous ones stay published until their tokens expire. */
export async function rotateSigningKey(db: Db, kek: Buffer): Promise<string> {
  const now = Date.now();
  const kid = await createSigningKey(db, kek);
  await db
    .updateTable("signing_key")
    .set({ retired_at: now, published_until: now + RETIRED_KEY_PUBLISHED_MS })
    .where("kid", "!=", kid)
    .where("retired_at", "is", null)
    .execute();
  return kid;
}

export async function publishedKeys(db: Db): Promise<PublishedKey[]> {
  const rows = await db
    .selectFrom("signing_key")
    .select(["kid", "public_jwk", "certificate"])
    .where((eb) => eb.or([eb("published_until", "is", null), eb("published_until", ">", Date.now())]))
    .orderBy("created_at", "desc")
    .execute();
  return rows.map((r) => {
    const jwk = JSON.parse(r.public_jwk) as { n: string; e: string };
    return { kid: r.kid, n: jwk.n, e: jwk.e, x5c: r.certificate };
  });
}
