import type { LightMyRequestResponse } from "fastify";
import type { Browser } from "../testing/identity-harness";

/** Cheap argon2 for tests that create many accounts (the cost itself is tested elsewhere). */
export const fastArgon2 = { SESAME_ARGON2_MEMORY_KIB: "1024", SESAME_ARGON2_TIME_COST: "1" };

/**
 * Signs a browser in through identity's own login page, as a person would: email, password, and
 * "Stay signed in?" answered No when the sign-in flow asks it.
 */
export async function signIn(
  browser: Browser,
  email: string,
  password: string,
): Promise<LightMyRequestResponse> {
  await browser.get("/login");
  await browser.post("/login", { email });
  const response = await browser.post("/login/password", { email, password });
  const sid = /name="sid" value="([^"]+)"/.exec(response.body)?.[1];
  if (!sid) return response;
  return browser.post("/login/kmsi", { sid, answer: "no" });
}
