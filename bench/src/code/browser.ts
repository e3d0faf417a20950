import type { Pool } from "undici";

/** What a code-flow server's child process prints once ready: where the load generator sends a flow. */
export interface CodeTarget {
  readonly url: string;
  readonly ca: string;
  readonly authorizePath: string;
  readonly tokenPath: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly scope: string;
  /** The scope asked when refreshing (oidc-provider keeps offline_access out of the refresh token's). */
  readonly refreshScope?: string;
  /** identity only: the account that signs in through the real pages once, before the rounds. */
  readonly email?: string;
  readonly password?: string;
  /** The floor only: a session cookie ("name=value") its authorize endpoint accepts, set in every browser. */
  readonly sessionCookie?: string;
}

/** One browser: an undici pool, a cookie jar and the last form's CSRF token. */
export class Browser {
  readonly jar = new Map<string, string>();
  csrf = "";
  constructor(readonly pool: Pool) {}

  async send(method: "GET" | "POST", pathAndQuery: string, form?: Record<string, string>) {
    const response = await this.pool.request({
      method,
      path: pathAndQuery,
      headers: {
        accept: "text/html",
        cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join("; "),
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

  copy(): Browser {
    const other = new Browser(this.pool);
    for (const [k, v] of this.jar) other.jar.set(k, v);
    return other;
  }
}
