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

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * http on a loopback host: a native app's listener on a port the system gives it at run time. No
 * user name, password or fragment: those never belong in a redirect URI.
 */
function loopback(uri: string): URL | undefined {
  try {
    const url = new URL(uri);
    const plain = !url.username && !url.password && !url.hash;
    return url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname) && plain ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The registration a requested redirect URI matches, carrying the requested URI (where the answer
 * goes). Matching is exact, but for loopback URIs, whose port Entra ignores (RFC 8252 §7.3; MSAL's
 * interactive flows listen on an ephemeral port): http://localhost/cb registered admits
 * http://localhost:53124/cb. Scheme, host, path and query must still be the same.
 */
export function matchRedirectUri<R extends { uri: string }>(
  registered: readonly R[],
  requested: string,
): R | undefined {
  const exact = registered.find((r) => r.uri === requested);
  if (exact) return exact;
  const asked = loopback(requested);
  if (!asked) return undefined;
  const portless = (url: URL) => `${url.hostname}${url.pathname}${url.search}`;
  const match = registered.find((r) => {
    const candidate = loopback(r.uri);
    return candidate !== undefined && portless(candidate) === portless(asked);
  });
  return match ? { ...match, uri: requested } : undefined;
}
