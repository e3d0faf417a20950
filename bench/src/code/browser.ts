import { randomBytes } from "node:crypto";
import { s256Challenge } from "@sesame/identity/oauth/pkce";
import type { Pool } from "undici";
import type { CodeTarget } from "./code-target";

/** One browser for the sign-in, in the bench process: an undici pool, a cookie jar and the last form's CSRF token. */
export class Browser {
  readonly jar = new Map<string, string>();
  csrf = "";
  constructor(readonly pool: Pool) {}

  /** The Cookie header this browser sends (every cookie of the jar, as the flows always have). */
  cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async send(method: "GET" | "POST", pathAndQuery: string, form?: Record<string, string>) {
    const response = await this.pool.request({
      method,
      path: pathAndQuery,
      headers: {
        accept: "text/html",
        cookie: this.cookieHeader(),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    const setCookie = response.headers["set-cookie"];
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      const value = pair.slice(at + 1);
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line))
        this.jar.delete(pair.slice(0, at));
      else this.jar.set(pair.slice(0, at), value);
    }
    const body = await response.body.text();
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? this.csrf;
    const location = response.headers.location;
    return { status: response.statusCode, body, location: typeof location === "string" ? location : "" };
  }
}

export const newVerifier = (): string => randomBytes(32).toString("base64url");

/** The authorize request's query, in the order and encoding the bench has always sent. */
export function authorizeQuery(
  target: CodeTarget,
  codeVerifier: string,
  state = randomBytes(8).toString("hex"),
  nonce = randomBytes(8).toString("hex"),
): string {
  return `${target.authorizePath}?${new URLSearchParams({
    client_id: target.clientId,
    redirect_uri: target.redirectUri,
    response_type: "code",
    scope: target.scope,
    state,
    nonce,
    code_challenge: s256Challenge(codeVerifier),
    code_challenge_method: "S256",
  })}`;
}

/** Follows the server's own redirects until one goes to the app; returns the code, or the page where it stopped. */
export async function codeFrom(browser: Browser, target: CodeTarget, first: string) {
  let page = await browser.send("GET", first);
  for (let hops = 0; hops < 8; hops++) {
    if (page.location.startsWith(target.redirectUri)) {
      const code = new URL(page.location).searchParams.get("code");
      if (!code) throw new Error(`no code at the redirect: ${page.location}`);
      return { code, page: undefined };
    }
    if (!page.location || page.status < 300 || page.status >= 400) return { code: undefined, page };
    const next = new URL(page.location, target.url);
    page = await browser.send("GET", `${next.pathname}${next.search}`);
  }
  throw new Error("too many redirects");
}
