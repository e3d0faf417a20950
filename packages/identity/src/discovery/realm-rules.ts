/**
 * Home-realm discovery answers, as Entra gives them (docs/microsoft-behaviour.md#home-realm-discovery). The portal reads them to tell a
 * contact's account kind, against this service or real Microsoft alike:
 *
 * - `POST /common/GetCredentialType {"Username"}` → `IfExistsResult`: 0 a work account of a tenant
 *   here, 5 a personal (Microsoft) account, 1 nobody. `EstsProperties.DomainType`: 3 when the domain
 *   belongs to a tenant (managed), 1 otherwise.
 * - `GET /common/userrealm/{user}?api-version=1.0` → `account_type` Managed (domain of a tenant) or
 *   Unknown; `api-version=2.0` → `NameSpaceType` Managed|Unknown with `DomainName`, brand name.
 * - `GET /getuserrealm.srf?login=…` → `NameSpaceType` Managed (State 4, UserState 1) or Unknown.
 *
 * Consumer domains (outlook.fr, hotmail.com …) are not an organization's namespace at Entra either:
 * they answer Unknown, and the account, if any, is reported by GetCredentialType's 5 (MSA).
 */
export interface RealmFacts {
  readonly login: string;
  readonly domain: string;
  /** The tenant owning the domain (verified), if any. */
  readonly tenant: { readonly id: string; readonly displayName: string } | undefined;
  /** The account registered under this address, if any. */
  readonly account: { readonly kind: "personal" | "work" } | undefined;
}

export function credentialType(f: RealmFacts) {
  const ifExists = f.account?.kind === "work" ? 0 : f.account?.kind === "personal" ? 5 : 1;
  return {
    Username: f.login,
    Display: f.login,
    IfExistsResult: ifExists,
    IsUnmanaged: false,
    ThrottleStatus: 0,
    Credentials: {
      PrefCredential: 1,
      HasPassword: true,
      RemoteNgcParams: null,
      FidoParams: null,
      SasParams: null,
      CertAuthParams: null,
      GoogleParams: null,
      FacebookParams: null,
    },
    EstsProperties: {
      UserTenantBranding: f.tenant ? [{ Locale: 0, KeepMeSignedInDisabled: false }] : null,
      DomainType: f.tenant ? 3 : 1,
      DesktopSsoEnabled: null,
    },
    IsSignupDisallowed: false,
    apiCanary: "",
  };
}

/**
 * Past the lookup limits (lookup-throttle.ts): ThrottleStatus 1, as Entra flags a throttled
 * lookup, with IfExistsResult and the credentials withheld, so the answer tells nothing about the
 * account. Clients that read IfExistsResult (the portal) then report "unknown".
 */
export function throttledCredentialType(f: RealmFacts) {
  const { IfExistsResult: _withheld, Credentials: _alsoWithheld, ...rest } = credentialType(f);
  return { ...rest, ThrottleStatus: 1 };
}

export function userRealmV1(f: RealmFacts) {
  return {
    ver: "1.0",
    account_type: f.tenant ? "Managed" : "Unknown",
    domain_name: f.domain,
    cloud_instance_name: "microsoftonline.com",
    cloud_audience_urn: "urn:federation:MicrosoftOnline",
  };
}

export function userRealmV2(f: RealmFacts) {
  return {
    NameSpaceType: f.tenant ? "Managed" : "Unknown",
    Login: f.login,
    DomainName: f.domain,
    FederationBrandName: f.tenant?.displayName ?? null,
    TenantBrandingInfo: null,
    cloud_instance_name: "microsoftonline.com",
  };
}

export function getUserRealmSrf(f: RealmFacts) {
  if (!f.tenant) return { State: 4, UserState: 1, Login: f.login, NameSpaceType: "Unknown" };
  return {
    State: 4,
    UserState: 1,
    Login: f.login,
    NameSpaceType: "Managed",
    DomainName: f.domain,
    FederationBrandName: f.tenant.displayName,
    CloudInstanceName: "microsoftonline.com",
    CloudInstanceIssuerUri: "urn:federation:MicrosoftOnline",
  };
}
