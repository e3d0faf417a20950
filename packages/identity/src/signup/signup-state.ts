import type { Locale } from "@sesame/kit/i18n/i18n";
import { z } from "zod";

/**
 * The wizard as a typed state machine. The step a person may act on is derived from what the state
 * already holds, so a step cannot be skipped: posting to a later step than `nextStep(state)` is
 * refused, going back to an earlier one is allowed, and changing the address forgets everything
 * that depended on it.
 */
export const steps = ["email", "password", "profile", "code", "challenge"] as const;
export type Step = (typeof steps)[number];

export const signupStateSchema = z.object({
  email: z.string().optional(),
  /** A new address on one of the platform's consumer domains: no code to check, it is ours. */
  newAddress: z.boolean().default(false),
  passwordHash: z.string().optional(),
  country: z.string().optional(),
  birthDate: z.string().optional(),
  emailVerifiedAt: z.number().optional(),
  marketingConsentAt: z.number().optional(),
  returnUrl: z.string().optional(),
  language: z.enum(["fr", "en"]).default("fr"),
});

export type SignupState = z.infer<typeof signupStateSchema>;

export const MAX_SUBMISSIONS = 60;

export function nextStep(state: SignupState): Step {
  if (!state.email) return "email";
  if (!state.passwordHash) return "password";
  if (!state.country || !state.birthDate) return "profile";
  if (!state.newAddress && state.emailVerifiedAt === undefined) return "code";
  return "challenge";
}

export const stepIndex = (step: Step): number => steps.indexOf(step);

/** True when the person may open or submit `step` now. */
export function stepAllowed(state: SignupState, step: Step): boolean {
  if (step === "code" && state.newAddress) return false;
  return stepIndex(step) <= stepIndex(nextStep(state));
}

export function withEmail(state: SignupState, email: string, newAddress: boolean): SignupState {
  if (state.email?.toLowerCase() === email.toLowerCase() && state.newAddress === newAddress) return state;
  return { language: state.language, returnUrl: state.returnUrl, email, newAddress };
}

export function withPassword(state: SignupState, passwordHash: string): SignupState {
  return { ...state, passwordHash };
}

export function withProfile(state: SignupState, country: string, birthDate: string): SignupState {
  return { ...state, country, birthDate };
}

export function withVerifiedEmail(state: SignupState, at: number, marketingConsent: boolean): SignupState {
  const next: SignupState = { ...state, emailVerifiedAt: at };
  if (marketingConsent) next.marketingConsentAt = at;
  else delete next.marketingConsentAt;
  return next;
}

export function initialState(language: Locale, returnUrl: string | undefined): SignupState {
  return { newAddress: false, language, ...(returnUrl ? { returnUrl } : {}) };
}
