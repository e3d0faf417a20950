/**
 * The sign-in floor: the three requests of a password sign-in as identity answers them (login
 * page, address, password), with only what no sign-in can skip: the CSRF check of each form, one
 * argon2id verification at identity's cost, a random session id (and device id) set as cookies.
 * Accounts are held in memory; no lockout, no audit, no mail, no durable write.
 */
import { verifyPassword } from "@sesame/identity/accounts/password-hash";
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

export function signinFloor(shapes: PageShapes, hashes: ReadonlyMap<string, string>): Handler {
  const sessions = new Map<string, string>();
  const [loginPage, passwordPage, signedIn] = ["GET /login", "POST /login", "POST /login/password"].map(
    (key) => shapeOf(shapes, key),
  );
  return async (request, response) => {
    const cookies = cookiesOf(request);
    if (request.method === "GET" && request.url === "/login") {
      const secret = csrf.secret();
      return answer(response, loginPage!, {
        cookies: [hostCookie("csrf", secret)],
        inner: `<form method="post">${csrfField(csrf.token(secret))}<input name="email"></form>`,
      });
    }
    const secret = cookies.get("__Host-csrf");
    const form = request.method === "POST" ? await formOf(request) : undefined;
    if (!form || !csrf.valid(secret, form.get("_csrf"))) {
      response.writeHead(403).end();
      return;
    }
    const email = form.get("email") ?? "";
    if (request.url === "/login")
      return answer(response, passwordPage!, {
        inner: `<form method="post">${csrfField(csrf.token(secret!))}<input name="email" value="${email}"><input name="password" type="password"></form>`,
      });
    if (request.url === "/login/password") {
      const hash = hashes.get(email.toLowerCase());
      if (!hash || !(await verifyPassword(hash, form.get("password") ?? ""))) {
        response.writeHead(401).end();
        return;
      }
      const session = randomId();
      sessions.set(session, email);
      return answer(response, signedIn!, {
        cookies: [
          hostCookie("session", session, "SameSite=None"),
          hostCookie("device", randomId(), "Max-Age=63072000; SameSite=Lax"),
        ],
        inner: `<form method="post">${csrfField(csrf.token(secret!))}<input type="hidden" name="sid" value="${session}"></form>`,
      });
    }
    response.writeHead(404).end();
  };
}
