import { estimateStrength } from "./password-strength";

export type PasswordProblem = "tooShort" | "tooLong" | "personal" | "common" | "weak";

export interface PasswordPolicy {
  readonly minLength: number;
  /** Far above any real password; bounds the hashing and matching work. */
  readonly maxLength: number;
}

export interface PersonalInputs {
  readonly email: string;
  readonly names?: readonly string[];
}

/**
 * docs/product-rules.md#passwords: a length floor and no composition rules. Refused, with one reason, in this order:
 * too short; built from the address or the person's names (any of them, 3+ characters, inside the
 * password, or zxcvbn's user-input match over 4+ characters); a known common or breached
 * password (a zxcvbn "passwords" dictionary entry covering at least half of it); otherwise
 * anything zxcvbn scores below 3 ("safely unguessable" starts at 3: about 10^8 guesses).
 * Lengths count code points of the NFC form, which is also what gets hashed.
 */
export async function passwordProblem(
  password: string,
  policy: PasswordPolicy,
  personal: PersonalInputs,
): Promise<PasswordProblem | undefined> {
  const normalized = password.normalize("NFC");
  const length = [...normalized].length;
  if (length < policy.minLength) return "tooShort";
  if (length > policy.maxLength) return "tooLong";

  const inputs = personalWords(personal);
  const lower = normalized.toLowerCase();
  if (inputs.some((word) => word.length >= 3 && lower.includes(word))) return "personal";

  const result = await estimateStrength(normalized, inputs);
  const half = length / 2;
  for (const match of result.sequence) {
    const dictionary = String(match.dictionaryName ?? "");
    if (match.pattern !== "dictionary") continue;
    if (dictionary === "userInputs" && match.token.length >= 4) return "personal";
    if (dictionary.startsWith("passwords") && match.token.length >= half) return "common";
  }
  return result.score < 3 ? "weak" : undefined;
}

/** The address's local part, its pieces (client.collaboratif → client, collaboratif) and the names. */
export function personalWords(personal: PersonalInputs): string[] {
  const local = personal.email.normalize("NFC").toLowerCase().split("@")[0] ?? "";
  const words = [local, ...local.split(/[._+-]+/), ...(personal.names ?? []).map((n) => n.toLowerCase())];
  return [...new Set(words.map((w) => w.trim()).filter((w) => w.length > 0))];
}
