/**
 * Child process: a floor server (signin-floor.ts or signup-floor.ts) on identity's certificate.
 * Its one argument is a JSON FloorOptions; prints one JSON line { url, ca, codePort? } once ready.
 * The sign-in floor hashes its accounts' passwords at start, at identity's cost.
 */
import { hashPassword } from "@sesame/identity/accounts/password-hash";
import { tlsFilesOf } from "../floor/identity-tls";
import { serveFloor } from "./floor-http";
import type { PageShapes } from "./page-shapes";
import { signinFloor } from "./signin-floor";
import { serveCodes, signupFloor } from "./signup-floor";

export interface FloorOptions {
  readonly flow: "signin" | "signup";
  /** identity's data directory's tls/ (server.pem, server-key.pem, ca.pem). */
  readonly tlsDir: string;
  readonly shapes: PageShapes;
  readonly argon2: { memoryKib: number; timeCost: number; parallelism: number };
  readonly accounts?: readonly { email: string; password: string }[];
  readonly altchaMaxNumber?: number;
}

const options = JSON.parse(process.argv[2] ?? "{}") as FloorOptions;
const tls = tlsFilesOf(options.tlsDir);
let ready: { url: string; ca: string; codePort?: number };
if (options.flow === "signin") {
  const hashes = new Map<string, string>();
  for (const { email, password } of options.accounts ?? [])
    hashes.set(email.toLowerCase(), await hashPassword(password, options.argon2));
  ready = { url: (await serveFloor(tls, signinFloor(options.shapes, hashes))).url, ca: tls.ca };
} else {
  const { handler, codes } = signupFloor(options.shapes, {
    argon2: options.argon2,
    altchaMaxNumber: options.altchaMaxNumber ?? 1000,
  });
  ready = { url: (await serveFloor(tls, handler)).url, ca: tls.ca, codePort: (await serveCodes(codes)).port };
}
process.stdout.write(`${JSON.stringify(ready)}\n`);
process.on("SIGTERM", () => process.exit(0));
