/** "Chrome on Windows" from a User-Agent header: enough for a person to recognise their device. */
export function deviceLabel(userAgent: string): { browser: string; system: string } | undefined {
  const browser = [
    ["Edge", /Edg(?:e|A|iOS)?\//],
    ["Firefox", /Firefox\/|FxiOS\//],
    ["Chrome", /Chrome\/|CriOS\//],
    ["Safari", /Safari\//],
  ].find(([, pattern]) => (pattern as RegExp).test(userAgent))?.[0] as string | undefined;
  const system = [
    ["Android", /Android/],
    ["iOS", /iPhone|iPad/],
    ["Windows", /Windows/],
    ["macOS", /Mac OS X/],
    ["Linux", /Linux/],
  ].find(([, pattern]) => (pattern as RegExp).test(userAgent))?.[0] as string | undefined;
  return browser && system ? { browser, system } : undefined;
}
