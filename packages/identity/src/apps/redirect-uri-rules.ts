/**
 * Entra's rules for registering a redirect URI: absolute, no fragment; https, except http on
 * localhost/loopback (native and development apps) and custom schemes for public clients.
 * Returns what is wrong, or undefined.
 */
export function redirectUriProblem(uri: string, kind: "web" | "spa" | "public"): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return "the redirect URI must be an absolute URL";
  }
  if (url.hash) return "a redirect URI cannot contain a fragment (#)";
  if (url.protocol === "https:") return undefined;
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol === "http:" && loopback) return undefined;
  if (kind === "public" && !["http:", "javascript:", "data:", "file:"].includes(url.protocol))
    return undefined;
  return "a redirect URI must use https (http is allowed only for localhost)";
}
