/**
 * A browser's cookie jar as the sign-in and sign-up load generators keep it: what a response sets is
 * kept, what it clears (Max-Age=0 or an empty value) is dropped, and the rest goes back as one
 * Cookie header.
 */
export type CookieJar = Map<string, string>;

export function keepCookies(jar: CookieJar, setCookie: string | string[] | undefined): void {
  for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
    const [pair = ""] = line.split(";");
    const at = pair.indexOf("=");
    const name = pair.slice(0, at);
    if (/max-age=0/i.test(line) || at === pair.length - 1) jar.delete(name);
    else jar.set(name, pair.slice(at + 1));
  }
}

export const cookieHeader = (jar: CookieJar): string => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
