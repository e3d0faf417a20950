import { createHash, generateKeyPairSync, sign } from "node:crypto";

/**
 * The floor's signer: one 2048-bit RSA key, as identity's (keys/signing-keys.ts), and a compact RS256
 * JWS through node:crypto's asynchronous `sign`, which runs on libuv's thread pool as identity's
 * keys/token-signer.ts does. The header ({typ, alg, kid}) is encoded once, as identity's is per key.
 */
const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const kid = createHash("sha1")
  .update(publicKey.export({ format: "der", type: "spki" }))
  .digest("base64url");
const header = Buffer.from(JSON.stringify({ typ: "JWT", alg: "RS256", kid })).toString("base64url");

export function signJwt(payload: object): Promise<string> {
  const input = `${header}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}`;
  return new Promise((resolve, reject) =>
    sign("sha256", Buffer.from(input), privateKey, (error, signature) =>
      error ? reject(error) : resolve(`${input}.${signature.toString("base64url")}`),
    ),
  );
}
