import { AadstsError } from "../../protocol/aadsts";

/**
 * The request's Origin when it comes from another origin than identity's own: a browser's
 * cross-origin `fetch` (a single-page app). Server-side clients send no Origin.
 */
export function crossOriginOf(originHeader: string | undefined, identityOrigin: string): string | undefined {
  return originHeader && originHeader !== identityOrigin ? originHeader : undefined;
}

/**
 * Entra's rule for single-page apps: what was issued for a spa redirect URI (its code, then its
 * refresh tokens) is redeemed only by the browser, cross-origin (AADSTS9002327 otherwise), and
 * nothing else may be redeemed cross-origin (AADSTS9002326), so a web app's code or a daemon's
 * secret never works from a page.
 */
export function assertRedemptionOrigin(spa: boolean, crossOrigin: string | undefined): void {
  if (spa && !crossOrigin) throw new AadstsError(9002327);
  if (!spa && crossOrigin) throw new AadstsError(9002326);
}
