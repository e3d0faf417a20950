/**
 * Child process of the sign-up benchmark: identity as identity-bench-server.ts starts it.
 * The proof of work is at the configuration's minimum difficulty: the server's work (one key
 * derivation to issue a challenge, one to verify it, the replay record) does not depend on it,
 * while the client's solving at the production default (50,000) costs the load process more CPU
 * than the argon2id hash itself and would measure altcha-lib rather than identity.
 * Prints one JSON line with what the load generator needs.
 */
import path from "node:path";
import { startBenchIdentity } from "../identity-bench-server";

const { identity, config, argon2 } = await startBenchIdentity("signup", { SESAME_ALTCHA_MAX_NUMBER: "1000" });
process.stdout.write(
  `${JSON.stringify({ url: identity.url, ca: identity.ca, tlsDir: path.dirname(identity.caFile), argon2, altchaMaxNumber: config.SESAME_ALTCHA_MAX_NUMBER })}\n`,
);
