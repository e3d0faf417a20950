import type { LightMyRequestResponse } from "fastify";
import { demoPersonalAccount } from "../../demo/demo-data";
import type { Browser } from "../../testing/identity-harness";

/** The real sign-in pages: email, password, then "Stay signed in?" (No); returns where they send back. */
export async function signIn(browser: Browser, loginLocation: string): Promise<string> {
  const returnTo = new URL(loginLocation, "https://x").searchParams.get("return") ?? "";
  await browser.get(loginLocation);
  await browser.post("/login", { email: demoPersonalAccount.email, return: returnTo });
  let done = await browser.post("/login/password", {
    email: demoPersonalAccount.email,
    password: demoPersonalAccount.password,
    return: returnTo,
  });
  if (done.statusCode === 200) {
    const sid = /name="sid" value="([^"]+)"/.exec(done.body)?.[1] ?? "";
    done = await browser.post("/login/kmsi", { return: returnTo, sid, answer: "no" });
  }
  return String(done.headers.location);
}

/** Accepts the consent page if it is shown; returns the response that follows. */
export async function acceptConsent(
  browser: Browser,
  page: LightMyRequestResponse,
  action: string,
): Promise<LightMyRequestResponse> {
  if (page.statusCode !== 200 || !/name="request"/.test(page.body)) return page;
  const request = /name="request" value="([^"]+)"/.exec(page.body)?.[1]?.replace(/&amp;/g, "&") ?? "";
  return browser.post(action, { request, decision: "accept" });
}
