import { Pool } from "undici";
import { authorizeQuery, Browser, codeFrom, newVerifier } from "./browser";
import type { CodeTarget } from "./code-target";

/** identity: the real sign-in pages and the consent page, once; later flows ride on the session. */
async function signInOnce(browser: Browser, target: CodeTarget): Promise<void> {
  const start = await browser.send("GET", authorizeQuery(target, newVerifier()));
  if (!start.location.startsWith("/login"))
    throw new Error(`authorize did not ask to sign in: ${start.status}`);
  const returnTo = new URL(start.location, target.url).searchParams.get("return") ?? "";
  await browser.send("GET", start.location);
  await browser.send("POST", "/login", { email: target.email ?? "", return: returnTo, _csrf: browser.csrf });
  let done = await browser.send("POST", "/login/password", {
    email: target.email ?? "",
    password: target.password ?? "",
    return: returnTo,
    _csrf: browser.csrf,
  });
  if (done.status === 200) {
    const sid = /name="sid" value="([^"]+)"/.exec(done.body)?.[1] ?? "";
    done = await browser.send("POST", "/login/kmsi", {
      return: returnTo,
      sid,
      answer: "yes",
      _csrf: browser.csrf,
    });
  }
  const result = await codeFrom(browser, target, done.location);
  if (result.code !== undefined) return;
  const request = /name="request" value="([^"]+)"/.exec(result.page.body)?.[1]?.replace(/&amp;/g, "&");
  if (!request)
    throw new Error(
      `neither a code nor a consent page: ${result.page.status} ${result.page.body.slice(0, 200)}`,
    );
  const consent = await browser.send("POST", target.authorizePath, {
    request,
    decision: "accept",
    _csrf: browser.csrf,
  });
  if (!consent.location.startsWith(target.redirectUri)) throw new Error(`consent gave ${consent.status}`);
}

/**
 * Signs the bench's account in once, in the bench process (identity: its pages; oidc-provider: its
 * interaction, answered at once by the bench server), and returns the Cookie header the browser
 * then sends on every authorize request. Neither server changes a cookie's value on the flows that
 * follow (oidc-provider re-sends `_session` with the same value), so wrk can send it unchanged.
 */
export async function signedInCookies(target: CodeTarget): Promise<string> {
  // The floor holds one session from its start and says which cookie carries it.
  if (target.sessionCookie) return target.sessionCookie;
  const pool = new Pool(target.url, { connections: 1, connect: { ca: target.ca } });
  try {
    const browser = new Browser(pool);
    if (target.email) await signInOnce(browser, target);
    else {
      const first = await codeFrom(browser, target, authorizeQuery(target, newVerifier()));
      if (first.code === undefined) throw new Error(`authorize stopped at ${first.page.status}`);
    }
    return browser.cookieHeader();
  } finally {
    await pool.close();
  }
}
