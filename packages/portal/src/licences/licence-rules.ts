import type { LicenceStatus } from "../storage/licence-table";

/**
 * Pure decisions about sending licence requests: what a failure means (retry later, or refused for
 * good and why), how long to wait, and how identity's statuses read in the portal.
 */

/** Why a request was refused for good, shown to the staff and the client in their language. */
export type RefusalReason = "secret" | "noApp" | "noConsent" | "token" | "input" | "access" | "declined";

export type Outcome<T> =
  | { readonly kind: "ok"; readonly value: T }
  | { readonly kind: "retry"; readonly error: string }
  | { readonly kind: "refused"; readonly reason: RefusalReason; readonly error: string };

export type Failure = Exclude<Outcome<never>, { kind: "ok" }>;

/**
 * Real Microsoft Entra ID has no reseller API (Microsoft's partner programme is not reachable with
 * a firm's app registration): against login.microsoftonline.com nothing is sent, requests stay in
 * the portal for the firm's licence supplier. Only the built-in identity offers the API.
 */
export function hasResellerApi(authority: string): boolean {
  return new URL(authority).hostname.toLowerCase() !== "login.microsoftonline.com";
}

/** AADSTS codes of the token endpoint that will not change by retrying. */
const tokenCodes: Record<number, RefusalReason> = {
  7000215: "secret",
  7000222: "secret",
  700016: "noApp",
  65001: "noConsent",
};

const retryable = (status: number) => status >= 500 || status === 408 || status === 429;

/** A failed token request: network-like statuses retry; AADSTS refusals are final. */
export function tokenFailure(status: number, body: Record<string, unknown>): Failure {
  const description = String(body.error_description ?? body.error ?? `HTTP ${status}`);
  const error = `token: ${description}`.slice(0, 500);
  if (retryable(status)) return { kind: "retry", error };
  const codes = Array.isArray(body.error_codes) ? body.error_codes.map(Number) : [];
  const described = Number(/AADSTS(\d+)/.exec(description)?.[1]);
  const code = [...codes, described].find((c) => c in tokenCodes);
  return { kind: "refused", reason: (code && tokenCodes[code]) || "token", error };
}

/** A failed call of the reseller API: 5xx/408/429 retry, any other 4xx is a refusal. */
export function apiFailure(status: number, body: Record<string, unknown>): Failure {
  const message = (body.error as { message?: unknown } | undefined)?.message;
  const error = `reseller API ${status}: ${String(message ?? "")}`.slice(0, 500);
  if (retryable(status)) return { kind: "retry", error };
  return { kind: "refused", reason: status === 400 ? "input" : "access", error };
}

export const backoffMs = (attempts: number): number => Math.min(1000 * 2 ** attempts, 10 * 60 * 1000);

/** Identity's status of a received request, in the portal's words. */
export function localStatus(remote: "received" | "fulfilled" | "declined"): LicenceStatus {
  return remote === "received" ? "sent" : remote === "fulfilled" ? "fulfilled" : "rejected";
}
