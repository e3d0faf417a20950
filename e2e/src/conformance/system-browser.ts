import fs from "node:fs";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";

/**
 * "The system browser" for libraries that open one (the `open` package, xdg-open): with no desktop,
 * xdg-open runs $BROWSER with the URL. This one writes the URL to a file for the test to drive in
 * Chromium, as a person would in their own browser.
 */
export function systemBrowser(dir: string): { env: Record<string, string>; log: string } {
  const log = path.join(dir, `browser-${Date.now()}.log`);
  const command = path.join(dir, "browser.sh");
  fs.writeFileSync(command, `#!/bin/sh\nprintf '%s\\n' "$1" >> "$SESAME_BROWSER_LOG"\n`, { mode: 0o755 });
  return { env: { BROWSER: command, SESAME_BROWSER_LOG: log, DISPLAY: "", WAYLAND_DISPLAY: "" }, log };
}

/** The first URL handed to the system browser (the library opens it a moment after starting). */
export async function handedUrl(log: string, attempts = 600): Promise<string> {
  for (let i = 0; i < attempts; i++) {
    const url = fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n")[0] : "";
    if (url) return url;
    await delay(100);
  }
  throw new Error("the library never opened a browser");
}
