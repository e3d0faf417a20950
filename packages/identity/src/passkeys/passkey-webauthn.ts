import { loadOnce } from "@sesame/kit/modules/load-once";
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";
import type { Passkey } from "../factors/passkey-queries";

/**
 * @simplewebauthn/server (with the ASN.1 and X.509 stack it parses attestations with: about half a
 * second of start-up and 20 MB) loads with the first passkey ceremony, not at identity's start.
 */
const webauthn = loadOnce("@simplewebauthn/server", () => import("@simplewebauthn/server"));

/** The relying party is this service's public origin: its host name is the RP ID. */
export interface RelyingParty {
  readonly id: string;
  readonly name: string;
  readonly origin: string;
}

export const relyingParty = (origin: string, name: string): RelyingParty => ({
  id: new URL(origin).hostname,
  name,
  origin,
});

/** The WebAuthn user handle of an account: its id, so a passkey names the account it belongs to. */
export const userHandleOf = (accountId: string): string => Buffer.from(accountId).toString("base64url");

export async function registrationOptions(
  rp: RelyingParty,
  account: { id: string; email: string; display_name: string },
  existing: readonly Passkey[],
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { generateRegistrationOptions } = await webauthn();
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userID: new Uint8Array(Buffer.from(account.id)),
    userName: account.email,
    userDisplayName: account.display_name,
    attestationType: "none",
    // A passkey (discoverable, verified by the device) so it can also sign in without a password.
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
    excludeCredentials: existing.map((k) => ({ id: k.credential_id, transports: transportsOf(k) })),
  });
}

export interface NewPasskey {
  readonly credentialId: string;
  readonly publicKey: string;
  readonly counter: number;
  readonly transports: string;
}

/** The new credential when the browser's answer is valid for this challenge, else undefined. */
export async function checkRegistration(
  rp: RelyingParty,
  challenge: string,
  response: RegistrationResponseJSON,
): Promise<NewPasskey | undefined> {
  const { verifyRegistrationResponse } = await webauthn();
  const result = await verifyRegistrationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: true,
  }).catch(() => undefined);
  if (!result?.verified) return undefined;
  const { credential } = result.registrationInfo;
  return {
    credentialId: credential.id,
    publicKey: Buffer.from(credential.publicKey).toString("base64url"),
    counter: credential.counter,
    transports: (credential.transports ?? []).join(" "),
  };
}

/** Options for an assertion: any passkey of this site (no list), or those of one account. */
export async function assertionOptions(
  rp: RelyingParty,
  allow: readonly Passkey[] | undefined,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const { generateAuthenticationOptions } = await webauthn();
  return generateAuthenticationOptions({
    rpID: rp.id,
    userVerification: allow ? "preferred" : "required",
    ...(allow
      ? { allowCredentials: allow.map((k) => ({ id: k.credential_id, transports: transportsOf(k) })) }
      : {}),
  });
}

/**
 * The new signature counter when the assertion is valid for this challenge and passkey (the
 * library refuses a counter that did not grow), else undefined.
 */
export async function checkAssertion(
  rp: RelyingParty,
  input: {
    challenge: string;
    response: AuthenticationResponseJSON;
    passkey: Passkey;
    requireUserVerification: boolean;
  },
): Promise<number | undefined> {
  const { passkey } = input;
  if (
    input.response.response.userHandle &&
    input.response.response.userHandle !== userHandleOf(passkey.account_id)
  )
    return undefined;
  const { verifyAuthenticationResponse } = await webauthn();
  const result = await verifyAuthenticationResponse({
    response: input.response,
    expectedChallenge: input.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    credential: {
      id: passkey.credential_id,
      publicKey: new Uint8Array(Buffer.from(passkey.public_key, "base64url")),
      counter: Number(passkey.counter),
      transports: transportsOf(passkey),
    },
    requireUserVerification: input.requireUserVerification,
  }).catch(() => undefined);
  return result?.verified ? result.authenticationInfo.newCounter : undefined;
}

const transportsOf = (k: Passkey): string[] => (k.transports ? k.transports.split(" ") : []);
