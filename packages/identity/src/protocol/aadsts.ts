/**
 * The one protocol error type: an AADSTS code from Microsoft's catalogue (docs/microsoft-behaviour.md#aadsts), its OAuth
 * `error` value, HTTP status and message (Microsoft's server text, English, as clients log it).
 */
type Params = Record<string, string>;

interface Entry {
  readonly error: string;
  /** What MSAL reads to tell "ask the user" from a failure (`InteractionRequiredAuthError`). */
  readonly suberror?: string;
  readonly status?: number;
  readonly message: (p: Params) => string;
}

const catalogue = {
  50011: {
    error: "invalid_request",
    message: (p) =>
      `The redirect URI '${p.uri}' specified in the request does not match the redirect URIs configured for the application '${p.appId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
  },
  50020: {
    error: "access_denied",
    message: (p) =>
      `User account '${p.email}' from identity provider '${p.idp}' does not exist in tenant '${p.tenant}' and cannot access the application '${p.appId}'(${p.name}) in that tenant.`,
  },
  50049: { error: "invalid_instance", message: () => "Unknown or invalid instance." },
  50053: {
    error: "invalid_grant",
    message: () => "You've tried to sign in too many times with an incorrect user ID or password.",
  },
  50055: {
    error: "invalid_grant",
    suberror: "user_password_expired",
    message: () => "The password is expired.",
  },
  50057: { error: "invalid_grant", message: () => "The user account is disabled." },
  50058: {
    error: "login_required",
    message: () => "A silent sign-in request was sent but no user is signed in.",
  },
  50076: {
    error: "interaction_required",
    suberror: "basic_action",
    message: (p) =>
      `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${p.resource}'.`,
  },
  50126: {
    error: "invalid_grant",
    message: () => "Error validating credentials due to invalid username or password.",
  },
  50173: {
    error: "invalid_grant",
    message: (p) =>
      `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${p.authTime}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${p.validFrom}'.`,
  },
  50194: {
    error: "invalid_request",
    message: (p) =>
      `Application '${p.appId}'(${p.name}) is not configured as a multi-tenant application. Usage of the /common endpoint is not supported for such applications created after '10/15/2018'. Use a tenant-specific endpoint or configure the application to be multi-tenant.`,
  },
  53003: {
    error: "interaction_required",
    suberror: "message_only",
    message: () =>
      "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.",
  },
  54005: {
    error: "invalid_grant",
    message: () =>
      "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
  },
  65001: {
    error: "invalid_grant",
    suberror: "consent_required",
    message: (p) =>
      `The user or administrator has not consented to use the application with ID '${p.appId}' named '${p.name}'. Send an interactive authorization request for this user and resource.`,
  },
  65004: { error: "access_denied", message: () => "User declined to consent to access the app." },
  70000: {
    error: "invalid_grant",
    message: () => "The provided value for the 'refresh_token' is not valid.",
  },
  70008: {
    error: "invalid_grant",
    message: () =>
      "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
  },
  70011: {
    error: "invalid_scope",
    message: (p) =>
      `The provided value for the input parameter 'scope' is not valid. The scope ${p.scope} is not valid.`,
  },
  70016: {
    error: "authorization_pending",
    message: () => "OAuth 2.0 device flow error. Authorization is pending. Continue polling.",
  },
  700016: {
    error: "unauthorized_client",
    message: (p) =>
      `Application with identifier '${p.appId}' was not found in the directory '${p.tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
  },
  7000215: {
    error: "invalid_client",
    status: 401,
    message: () =>
      "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app.",
  },
  7000218: {
    error: "invalid_client",
    status: 401,
    message: () =>
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  },
  700027: {
    error: "invalid_client",
    status: 401,
    message: (p) => `Client assertion failed signature validation. ${p.reason ?? ""}`.trim(),
  },
  700082: {
    error: "invalid_grant",
    message: () => "The refresh token has expired due to inactivity.",
  },
  90002: {
    error: "invalid_request",
    message: (p) =>
      `Tenant '${p.tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  },
  90014: {
    error: "invalid_request",
    message: (p) =>
      `The required field '${p.name}' is missing from the credential. Ensure that you have all the necessary parameters for the login request.`,
  },
  900144: {
    error: "invalid_request",
    message: (p) => `The request body must contain the following parameter: '${p.name}'.`,
  },
  9002313: { error: "invalid_grant", message: () => "Invalid request. Request is malformed or invalid." },
  9002326: {
    error: "invalid_request",
    message: () =>
      "Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type.",
  },
  9002327: {
    error: "invalid_request",
    message: () =>
      "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
  },
  501481: {
    error: "invalid_grant",
    message: () =>
      "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
  },
  70018: {
    error: "invalid_grant",
    message: () => "Invalid verification code. Please verify that the code entered is correct.",
  },
  7000222: { error: "invalid_grant", message: () => "The provided client device code is expired." },
  900971: { error: "invalid_request", message: () => "No reply address provided." },
  9001023: {
    error: "invalid_request",
    message: () =>
      "The grant type is not supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint.",
  },
  700054: {
    error: "unsupported_response_type",
    message: (p) => `response_type '${p.type}' is not enabled for the application.`,
  },
  90009: {
    error: "invalid_request",
    message: () =>
      "Application is requesting a token for itself. This scenario is supported only if resource is specified using the GUID based App Identifier.",
  },
  500011: {
    error: "invalid_resource",
    message: (p) =>
      `The resource principal named ${p.resource} was not found in the tenant named ${p.tenant}.`,
  },
  5000811: {
    error: "invalid_request",
    message: () =>
      "Unable to verify token signature. The signing key identifier does not match any valid registered keys.",
  },
  9002325: {
    error: "invalid_request",
    message: () => "Proof Key for Code Exchange is required for cross-origin authorization code redemption.",
  },
  700025: {
    error: "invalid_client",
    status: 401,
    message: () => "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
  },
  70003: {
    error: "unsupported_grant_type",
    message: (p) => `The app requested an unsupported grant type '${p.grant}'.`,
  },
  90027: {
    error: "invalid_request",
    message: () =>
      "We are unable to issue tokens from this API version on the MSA tenant. Please contact the application vendor as they need to use version 2.0 of the protocol to support this.",
  },
  500113: { error: "invalid_request", message: () => "No reply address is registered for the application." },
  700051: {
    error: "unsupported_response_type",
    message: (p) => `The response_type '${p.type}' is not supported for the application.`,
  },
  9002332: {
    error: "invalid_request",
    message: (p) =>
      `Application '${p.appId}'(${p.name}) is configured for use by Azure Active Directory users only. Please do not use the /consumers endpoint to serve this request.`,
  },
  501491: { error: "invalid_request", message: () => "Invalid size of Code_Challenge parameter." },
  5000810: {
    error: "invalid_request",
    message: (p) => `The code_challenge_method '${p.method}' is not supported. Use S256.`,
  },
  16000: {
    error: "interaction_required",
    message: () => "Multiple user identities are available for the current request. Choose one account.",
  },
  7000112: { error: "unauthorized_client", message: () => "Application is disabled." },
  /** The directory (our database) cannot be reached: the request was fine, retry later. */
  90033: {
    error: "temporarily_unavailable",
    status: 503,
    message: () => "A transient error has occurred. Please try again.",
  },
  50000: {
    error: "server_error",
    status: 500,
    message: () => "There was an error issuing a token or an issue with our sign-in service.",
  },
} satisfies Record<number, Entry>;

export type AadstsCode = keyof typeof catalogue;

export class AadstsError extends Error {
  readonly error: string;
  readonly suberror: string | undefined;
  readonly status: number;

  constructor(
    readonly code: AadstsCode,
    readonly params: Params = {},
    /** Overrides the catalogue's `error` value where Microsoft uses another for the same code. */
    error?: string,
  ) {
    const entry: Entry = catalogue[code];
    super(entry.message(params));
    this.name = "AadstsError";
    this.error = error ?? entry.error;
    this.suberror = entry.suberror;
    this.status = entry.status ?? 400;
  }

  /** `AADSTS50011: The redirect URI …` */
  get description(): string {
    return `AADSTS${this.code}: ${this.message}`;
  }
}
