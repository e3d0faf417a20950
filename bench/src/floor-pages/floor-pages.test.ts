/**
 * The floor servers do the flows' work for real: the benchmark's own load generators complete a
 * sign-in and a sign-up against them, pages come back at the recorded sizes, and a form without
 * its CSRF token or with a wrong password is refused. No timing is asserted.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { hashPassword } from "@sesame/identity/accounts/password-hash";
import { ensureTlsMaterial } from "@sesame/kit/tls/certificates";
import { Pool } from "undici";
import { type TlsMaterial, tlsFilesOf } from "../floor/identity-tls";
import { signIn } from "../signin/signin-load";
import { mailboxReader, signUpWorkers } from "../signup/signup-load";
import { serveFloor } from "./floor-http";
import { type PageShape, type PageShapes, recording } from "./page-shapes";
import { signinFloor } from "./signin-floor";
import { serveCodes, signupFloor } from "./signup-floor";

const argon2 = { memoryKib: 1024, timeCost: 1, parallelism: 1 };
const html = { "content-type": "text/html; charset=utf-8", "x-frame-options": "DENY" };
const pageOf = (bodyBytes: number): PageShape => ({ status: 200, headers: html, bodyBytes });
const to = (location: string): PageShape => ({ status: 303, headers: { location }, bodyBytes: 0 });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-floor-test-"));
let tls: TlsMaterial;
const closing: (() => unknown)[] = [];

before(async () => {
  await ensureTlsMaterial(dataDir, "localhost");
  tls = tlsFilesOf(path.join(dataDir, "tls"));
});
after(async () => {
  for (const close of closing.reverse()) await close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("a sign-in through the floor: identity's page sizes, CSRF checked, the password verified", async () => {
  const shapes: PageShapes = {
    "GET /login": pageOf(2046),
    "POST /login": pageOf(1690),
    "POST /login/password": pageOf(1397),
  };
  const account = { email: "ana@example.com", password: "Banc-Essai-Floor-1" };
  const hashes = new Map([[account.email, await hashPassword(account.password, argon2)]]);
  const floor = await serveFloor(tls, signinFloor(shapes, hashes));
  closing.push(floor.close);
  const pool = new Pool(floor.url, { connections: 2, connect: { ca: tls.ca } });
  closing.push(() => pool.close());

  const seen: Record<string, PageShape> = {};
  await signIn(recording(pool, seen), account);
  for (const key of Object.keys(shapes)) assert.equal(seen[key]?.bodyBytes, shapes[key]?.bodyBytes, key);
  assert.equal(seen["GET /login"]?.headers["x-frame-options"], "DENY");

  await assert.rejects(signIn(pool, { ...account, password: "wrong" }), /sign-in failed with 401/);
  const forged = await pool.request({
    method: "POST",
    path: "/login",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "email=ana%40example.com&_csrf=forged",
  });
  await forged.body.text();
  assert.equal(forged.statusCode, 403);
});

test("a sign-up through the floor: code, proof of work and session, as the generator expects", async () => {
  const shapes: PageShapes = {
    "GET /signup": pageOf(1635),
    "POST /signup/email": to("/signup/password"),
    "GET /signup/password": pageOf(1827),
    "POST /signup/password": to("/signup/profile"),
    "GET /signup/profile": pageOf(13092),
    "POST /signup/profile": to("/signup/code"),
    "GET /signup/code": pageOf(2511),
    "POST /signup/code": to("/signup/challenge"),
    "GET /signup/challenge": pageOf(1972),
    "GET /signup/altcha/challenge": {
      status: 200,
      headers: { "content-type": "application/json" },
      bodyBytes: 378,
    },
    "POST /signup/challenge": pageOf(944),
  };
  const { handler, codes } = signupFloor(shapes, { argon2, altchaMaxNumber: 1000 });
  const floor = await serveFloor(tls, handler);
  const mailbox = await serveCodes(codes);
  closing.push(floor.close, mailbox.close);
  const seen: Record<string, PageShape> = {};
  const workers = signUpWorkers({ url: floor.url, ca: tls.ca }, 1, mailboxReader(mailbox.port), (client) =>
    recording(client, seen),
  );
  closing.push(() => workers.close());
  // The generator checks every redirect, the code, the proof's acceptance and the session cookie.
  await workers.oneSignUp(0);
  assert.equal(workers.stats().requestsPerSignUp, 11);
  assert.equal(seen["GET /signup/profile"]?.bodyBytes, 13092);
});
