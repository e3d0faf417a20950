import { createHash, X509Certificate } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

const executablePath = process.env.SESAME_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Launches Debian's Chromium (no browser download) headless. The browser trusts exactly the test
 * server's key (SPKI pin), so TLS is still verified: a page served with any other certificate fails.
 */
export async function launchChromium(serverCertPem: string): Promise<Browser> {
  return chromium.launch({
    executablePath: existingChromium(),
    headless: true,
    args: chromiumArgs(serverCertPem),
  });
}

/**
 * The same Chromium with an ordinary (not incognito) profile in `userDataDir` set to allow
 * third-party cookies (incognito contexts always block them): the setting under which an identity
 * provider's session is visible to a cross-site hidden iframe (`prompt=none`), at Entra as here.
 */
export async function launchChromiumProfile(
  serverCertPem: string,
  userDataDir: string,
  locale: "fr" | "en",
): Promise<BrowserContext> {
  // The user's choice "Allow third-party cookies" (chrome://settings/cookies), as a profile keeps it.
  fs.mkdirSync(path.join(userDataDir, "Default"), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, "Default", "Preferences"),
    JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }),
  );
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: existingChromium(),
    headless: true,
    args: chromiumArgs(serverCertPem),
    locale: locale === "fr" ? "fr-FR" : "en-GB",
    viewport: { width: 1100, height: 900 },
  });
}

function existingChromium(): string {
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: install Debian's chromium package (see .ci/run)`,
    );
  }
  return executablePath;
}

function chromiumArgs(serverCertPem: string): string[] {
  const spki = new X509Certificate(serverCertPem).publicKey.export({ type: "spki", format: "der" });
  const pin = createHash("sha256").update(spki).digest("base64");
  return [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    `--ignore-certificate-errors-spki-list=${pin}`,
  ];
}

export async function newContext(browser: Browser, locale: "fr" | "en"): Promise<BrowserContext> {
  return browser.newContext({
    locale: locale === "fr" ? "fr-FR" : "en-GB",
    viewport: { width: 1100, height: 900 },
  });
}

const screenshotDir = process.env.SESAME_SCREENSHOTS_DIR ?? path.join(os.tmpdir(), "sesame-screenshots");

/** Saves a full-page PNG and returns its path (printed in the test log for a person to look at). */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name.replace(/[^\w.-]+/g, "_")}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
