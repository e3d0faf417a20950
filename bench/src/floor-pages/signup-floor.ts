/**
 * The sign-up floor: the eleven requests of a personal sign-up as identity answers them, with only
 * what no sign-up can skip: the CSRF check of each form, the attempt found by its cookie, one
 * argon2id hash at identity's cost, the emailed code drawn and compared in constant time, the
 * proof of work issued and verified with altcha-lib (SHA-256, identity's parameters) and its
 * solution claimed once, the session id set as a cookie. State in memory; no password-strength
 * check, no durable write, no mail: the code is handed over on a side port (`GET /code/<address>`,
 * plain HTTP), where identity's benchmark reads it from its relay.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import { hashPassword } from "@sesame/identity/accounts/password-hash";
import { newCode } from "@sesame/identity/codes/code-rules";
import { createChallenge, randomInt, verifySolution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import {
  answer,
  cookiesOf,
  csrf,
  csrfField,
  formOf,
  type Handler,
  hostCookie,
  randomId,
  shapeOf,
} from "./floor-http";
import type { PageShapes } from "./page-shapes";

interface Attempt {
  email: string;
  passwordHash?: string;
  birthDate?: string;
  code?: string;
  verified?: boolean;
}

export function signupFloor(
  shapes: PageShapes,
  options: { argon2: { memoryKib: number; timeCost: number; parallelism: number }; altchaMaxNumber: number },
): { handler: Handler; codes: Map<string, string> } {
  const attempts = new Map<string, Attempt>();
  const codes = new Map<string, string>();
  const accounts = new Map<string, Attempt>();
  const usedSolutions = new Set<string>();
  const secret = randomBytes(32);
  const hmacSignatureSecret = createHmac("sha256", secret).update("altcha-challenge").digest("hex");
  const hmacKeySignatureSecret = createHmac("sha256", secret).update("altcha-key").digest("hex");
  const page = (key: string, response: http.ServerResponse, csrfSecret: string, cookies?: string[]) =>
    answer(response, shapeOf(shapes, key), {
      ...(cookies ? { cookies } : {}),
      inner: `<form method="post">${csrfField(csrf.token(csrfSecret))}<input name="x"></form>`,
    });
  const redirect = (key: string, response: http.ServerResponse, cookies?: string[]) =>
    answer(response, shapeOf(shapes, key), cookies ? { cookies } : {});

  const handler: Handler = async (request, response) => {
    const cookies = cookiesOf(request);
    const key = `${request.method} ${request.url}`;
    if (key === "GET /signup") {
      const csrfSecret = csrf.secret();
      return page(key, response, csrfSecret, [hostCookie("csrf", csrfSecret)]);
    }
    const csrfSecret = cookies.get("__Host-csrf") ?? "";
    const attemptId = cookies.get("__Host-signup");
    if (key === "POST /signup/email") {
      const form = await formOf(request);
      if (!csrf.valid(csrfSecret, form.get("_csrf"))) return void response.writeHead(403).end();
      const id = randomId();
      attempts.set(id, { email: (form.get("email") ?? "").toLowerCase() });
      return redirect(key, response, [hostCookie("signup", id, "Max-Age=3600; SameSite=Lax")]);
    }
    const attempt = attemptId ? attempts.get(attemptId) : undefined;
    if (!attempt) return void response.writeHead(409).end();
    if (request.method === "GET" && key !== "GET /signup/altcha/challenge")
      return page(key, response, csrfSecret);
    if (key === "GET /signup/altcha/challenge") {
      const challenge = await createChallenge({
        algorithm: "SHA-256",
        cost: 1,
        counter: randomInt(options.altchaMaxNumber),
        deriveKey,
        expiresAt: new Date(Date.now() + 20 * 60 * 1000),
        hmacSignatureSecret,
        hmacKeySignatureSecret,
      });
      return answer(response, shapeOf(shapes, key), { json: JSON.stringify(challenge) });
    }
    const form = await formOf(request);
    if (!csrf.valid(csrfSecret, form.get("_csrf"))) return void response.writeHead(403).end();
    if (key === "POST /signup/password") {
      attempt.passwordHash = await hashPassword(form.get("password") ?? "", options.argon2);
      return redirect(key, response);
    }
    if (key === "POST /signup/profile") {
      attempt.birthDate = `${form.get("year")}-${form.get("month")}-${form.get("day")}`;
      attempt.code = newCode(6);
      codes.set(attempt.email, attempt.code);
      return redirect(key, response);
    }
    if (key === "POST /signup/code") {
      const given = Buffer.from(form.get("code") ?? "");
      const expected = Buffer.from(attempt.code ?? "-");
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        return void response.writeHead(400).end();
      attempt.verified = true;
      return redirect(key, response);
    }
    if (key === "POST /signup/challenge" && attempt.verified) {
      const proof = JSON.parse(Buffer.from(form.get("altcha") ?? "", "base64").toString("utf8"));
      const result = await verifySolution({
        ...proof,
        deriveKey,
        hmacSignatureSecret,
        hmacKeySignatureSecret,
      });
      if (!result.verified || result.expired || usedSolutions.has(proof.challenge.signature))
        return void response.writeHead(400).end();
      usedSolutions.add(proof.challenge.signature);
      accounts.set(attempt.email, attempt);
      attempts.delete(attemptId!);
      return page(key, response, csrfSecret, [
        "__Host-signup=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Lax",
        hostCookie("session", randomId(), "SameSite=None"),
      ]);
    }
    response.writeHead(404).end();
  };
  return { handler, codes };
}

/** The side port the client reads its code from, as from identity's relay (code-relay.ts). */
export async function serveCodes(codes: Map<string, string>): Promise<{ port: number; close: () => void }> {
  const server = http.createServer((request, response) => {
    const to = decodeURIComponent((request.url ?? "").replace(/^\/code\//, "")).toLowerCase();
    const code = codes.get(to);
    codes.delete(to);
    response.writeHead(code ? 200 : 404, { "content-type": "text/plain" }).end(code ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return { port: typeof address === "object" && address ? address.port : 0, close: () => server.close() };
}
