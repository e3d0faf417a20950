/**
 * The sign-in benchmark's load generator, the same code against identity and against the floor
 * server (floor-pages/): one browser's sign-in through the three requests a person makes.
 */
import type { Requester } from "../floor-pages/page-shapes";
import { type CookieJar, cookieHeader, keepCookies } from "./cookie-jar";

/** One browser's sign-in: a fresh cookie jar, the three pages, the CSRF token of each form. */
export async function signIn(pool: Requester, account: { email: string; password: string }): Promise<void> {
  const jar: CookieJar = new Map();
  let csrf = "";
  const send = async (method: "GET" | "POST", path: string, form?: Record<string, string>) => {
    const response = await pool.request({
      method,
      path,
      headers: {
        accept: "text/html",
        cookie: cookieHeader(jar),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(form ? { body: new URLSearchParams({ ...form, _csrf: csrf }).toString() } : {}),
    });
    keepCookies(jar, response.headers["set-cookie"]);
    const body = await response.body.text();
    csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? csrf;
    return { status: response.statusCode, body };
  };
  await send("GET", "/login");
  await send("POST", "/login", { email: account.email });
  const done = await send("POST", "/login/password", account);
  // Signed in: "Stay signed in?" (200 with its form) or straight back (303).
  if (!(done.status === 303 || (done.status === 200 && done.body.includes('name="sid"'))))
    throw new Error(`sign-in failed with ${done.status}: ${done.body.slice(0, 200)}`);
}
