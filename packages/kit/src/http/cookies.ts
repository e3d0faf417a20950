import type { CookieSerializeOptions } from "@fastify/cookie";

/**
 * Every cookie we set is a __Host- cookie: Secure, path=/, no Domain, HttpOnly, SameSite=Lax.
 * `maxAgeSeconds` undefined makes a browser-session cookie.
 */
export function hostCookieOptions(maxAgeSeconds?: number): CookieSerializeOptions {
  return {
    path: "/",
    secure: true,
    httpOnly: true,
    sameSite: "lax",
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

export const hostCookie = (name: string): string => `__Host-${name}`;
