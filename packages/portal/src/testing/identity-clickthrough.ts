import { Browser } from "@sesame/identity/testing/identity-harness";
import type { FastifyInstance } from "fastify";

/**
 * Plays a person at identity: from an authorize URL, signs in with email and password, answers
 * "Stay signed in?" with No, accepts the consent page when asked (ticking "on behalf of the
 * organization" when offered), and returns the URL identity finally redirects to (the portal's).
 */
export async function clickThroughIdentity(
  identityApp: FastifyInstance,
  authorizeUrl: string,
  account: { email: string; password: string },
  options: { browser?: Browser; onBehalfOfOrganization?: boolean } = {},
): Promise<URL> {
  const browser = options.browser ?? new Browser(identityApp);
  const url = new URL(authorizeUrl);
  let r = await browser.get(url.pathname + url.search);
  for (let step = 0; step < 10; step++) {
    const location = r.headers.location ? String(r.headers.location) : undefined;
    if ((r.statusCode === 302 || r.statusCode === 303) && location) {
      if (/^https?:\/\//.test(location) && new URL(location).origin !== url.origin) return new URL(location);
      if (location.startsWith("/login")) {
        const returnTo = new URL(location, url.origin).searchParams.get("return") ?? "";
        await browser.get(location);
        await browser.post("/login", { email: account.email, return: returnTo });
        r = await browser.post("/login/password", {
          email: account.email,
          password: account.password,
          return: returnTo,
        });
        continue;
      }
      const next = new URL(location, url.origin);
      r = await browser.get(next.pathname + next.search);
      continue;
    }
    if (r.statusCode === 200 && /name="sid"/.test(r.body) && /kmsi/.test(r.body)) {
      const sid = /name="sid" value="([^"]+)"/.exec(r.body)?.[1] ?? "";
      const returnTo = /name="return" value="([^"]+)"/.exec(r.body)?.[1]?.replace(/&amp;/g, "&") ?? "";
      r = await browser.post("/login/kmsi", { return: returnTo, sid, answer: "no" });
      continue;
    }
    const request = /name="request" value="([^"]+)"/.exec(r.body)?.[1]?.replace(/&amp;/g, "&");
    if (r.statusCode === 200 && request) {
      const action =
        /<form[^>]*method="post"[^>]*action="([^"]+)"/.exec(r.body)?.[1]?.replace(/&amp;/g, "&") ??
        url.pathname;
      const form: Record<string, string> = { request, decision: "accept" };
      const organization =
        /name="(on_behalf|organization|consent_for_organization|admin_consent)"[^>]*value="([^"]*)"/.exec(
          r.body,
        );
      if (options.onBehalfOfOrganization && organization?.[1]) form[organization[1]] = organization[2] ?? "1";
      r = await browser.post(action, form);
      continue;
    }
    throw new Error(`identity stopped at ${r.statusCode}: ${r.body.slice(0, 2000)}`);
  }
  throw new Error("identity did not send the browser back");
}
