/** What came back on /{firm}/authorize, read from the query alone (no I/O). */
export type ConsentReturn =
  | { readonly kind: "code"; readonly code: string; readonly state: string | undefined }
  | {
      readonly kind: "admin_consent";
      readonly tenantId: string;
      readonly state: string | undefined;
      readonly scope: string;
    }
  | {
      readonly kind: "error";
      readonly problem: ConsentProblem;
      readonly aadsts: number | undefined;
      readonly state: string | undefined;
    };

/** Each failure the page explains; the message keys are `consent.problem.<name>`. */
export type ConsentProblem =
  | "declined"
  | "cancelled"
  | "needs_admin"
  | "wrong_tenant"
  | "app_not_found"
  | "not_consented"
  | "unknown_tenant"
  | "blocked"
  | "malformed"
  | "other";

const byCode: Record<number, ConsentProblem> = {
  65004: "declined",
  90094: "needs_admin",
  90095: "needs_admin",
  50020: "wrong_tenant",
  700016: "app_not_found",
  65001: "not_consented",
  90002: "unknown_tenant",
  53003: "blocked",
};

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value.length > 0 && value.length <= 4096 ? value : undefined;

export function readConsentReturn(query: Record<string, unknown>): ConsentReturn {
  const state = text(query.state);
  const error = text(query.error);
  if (error) {
    const description = text(query.error_description) ?? "";
    const aadsts = Number(/AADSTS(\d+)/.exec(description)?.[1]) || undefined;
    let problem: ConsentProblem = aadsts ? (byCode[aadsts] ?? "other") : "other";
    if (!aadsts && error === "access_denied")
      problem = text(query.error_subcode) === "cancel" ? "cancelled" : "declined";
    if (!aadsts && error === "consent_required") problem = "not_consented";
    return { kind: "error", problem, aadsts, state };
  }
  const code = text(query.code);
  if (code) return { kind: "code", code, state };
  const tenant = text(query.tenant);
  if (String(query.admin_consent).toLowerCase() === "true" && tenant && guid.test(tenant)) {
    return { kind: "admin_consent", tenantId: tenant.toLowerCase(), state, scope: text(query.scope) ?? "" };
  }
  return { kind: "error", problem: "malformed", aadsts: undefined, state };
}

/** HTTP status of the page for each failure: refusals are 403, everything else the request's fault 400. */
export function problemStatus(problem: ConsentProblem): number {
  return problem === "declined" ||
    problem === "needs_admin" ||
    problem === "wrong_tenant" ||
    problem === "blocked"
    ? 403
    : 400;
}
