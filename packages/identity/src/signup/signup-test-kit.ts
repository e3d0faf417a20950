import { setTimeout as sleep } from "node:timers/promises";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import type { Browser, IdentityHarness } from "../testing/identity-harness";

/** Cheap hashing and proof of work, so HTTP tests spend their time on behaviour. */
export const fastSignupEnv = {
  SESAME_ARGON2_MEMORY_KIB: "1024",
  SESAME_ARGON2_TIME_COST: "1",
  SESAME_ALTCHA_MAX_NUMBER: "1000",
};

export const goodPassword = "Tournesol-Quai-47";

/** The newest code mailed to `to`, read from the development mailbox as a person would read it. */
export async function readCode(h: IdentityHarness, to: string, after = 0): Promise<string> {
  for (let i = 0; i < 100; i++) {
    h.identity.ctx.mailQueued();
    const response = await h.app.inject({
      method: "GET",
      url: `/_dev/mail?to=${encodeURIComponent(to)}`,
      headers: { accept: "application/json" },
    });
    const mails = response.json() as {
      subject: string;
      text: string;
      html: string;
      from: string;
      date: string;
    }[];
    const mail = mails.find((m) => /courriel|email address/i.test(m.subject) && Date.parse(m.date) >= after);
    const code = mail ? /: (\d{4,8})\s*$/m.exec(mail.text)?.[1] : undefined;
    if (code) return code;
    await sleep(50);
  }
  throw new Error(`no code mailed to ${to}`);
}

export async function mailsTo(h: IdentityHarness, to: string) {
  h.identity.ctx.mailQueued();
  const response = await h.app.inject({
    method: "GET",
    url: `/_dev/mail?to=${encodeURIComponent(to)}`,
    headers: { accept: "application/json" },
  });
  return response.json() as { subject: string; text: string; html: string; from: string }[];
}

/** Solves a fresh challenge with altcha-lib's own solver: the real proof of work, no bypass. */
export async function solvedAltcha(browser: Browser): Promise<string> {
  const response = await browser.get("/signup/altcha/challenge", { accept: "application/json" });
  const challenge = JSON.parse(response.body);
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("could not solve the challenge");
  const payload = {
    challenge: { parameters: challenge.parameters, signature: challenge.signature },
    solution,
  };
  return Buffer.from(JSON.stringify(payload)).toString("base64");
}

export async function rowCounts(h: IdentityHarness) {
  const db = h.identity.ctx.db;
  const count = async (table: "account" | "signup_attempt" | "email_code" | "mail_outbox") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    accounts: await count("account"),
    attempts: await count("signup_attempt"),
    codes: await count("email_code"),
    outbox: await count("mail_outbox"),
  };
}

/** Walks the address, password and profile steps; returns after the profile (code mailed, if any). */
export async function throughProfile(
  browser: Browser,
  input: { email: string; country?: string; birth?: [string, string, string] },
) {
  await browser.get("/signup");
  const email = await browser.post("/signup/email", { mode: "existing", email: input.email });
  if (email.statusCode !== 303) throw new Error(`email step answered ${email.statusCode}`);
  await browser.get("/signup/password");
  const password = await browser.post("/signup/password", { password: goodPassword });
  if (password.statusCode !== 303) throw new Error(`password step answered ${password.statusCode}`);
  await browser.get("/signup/profile");
  const [year, month, day] = input.birth ?? ["1990", "4", "12"];
  return browser.post("/signup/profile", { country: input.country ?? "FR", year, month, day });
}

/** A page's text with the HTML escapes of quotes and ampersands undone, for matching wording. */
export const text = (body: string): string =>
  body
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

/** Waits until a mail whose subject matches has reached `to` (the sender works in the background). */
export async function waitForMail(h: IdentityHarness, to: string, subject: RegExp) {
  for (let i = 0; i < 100; i++) {
    const mail = (await mailsTo(h, to)).find((m) => subject.test(m.subject));
    if (mail) return mail;
    await sleep(50);
  }
  throw new Error(`no mail "${subject}" reached ${to}`);
}
