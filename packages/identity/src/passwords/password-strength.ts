import type { ZxcvbnFactory, ZxcvbnResult } from "@zxcvbn-ts/core";
import { indexDictionaries } from "./dictionary-index";

type Estimator = (password: string, userInputs: readonly string[]) => ZxcvbnResult;

/**
 * zxcvbn-ts and its dictionaries (about 60 MB resident once loaded) are imported on the first
 * password check, not at start: most instances serve tokens and sign-ins, which never check a new
 * password, and an idle service stays small (docs/performance.md). Building the ranked dictionaries
 * and their index takes a few hundred milliseconds: once per process.
 */
let estimator: Promise<Estimator> | undefined;

/** Characters of a password the strength check reads (the policy still accepts up to 256). */
const STRENGTH_CHECKED_LENGTH = 64;

/** A zxcvbn-ts factory with the common (breached passwords), French and English dictionaries. */
export async function newZxcvbn(): Promise<ZxcvbnFactory> {
  const [{ ZxcvbnFactory }, common, fr, en] = await Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-fr"),
    import("@zxcvbn-ts/language-en"),
  ]);
  return new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...fr.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
    // zxcvbn-ts's defaults (256 characters, 100 l33t substitutions) let one password of l33t
    // symbols hold the event loop for 1.8 s (252 characters; 64 took 381 ms). With these the worst
    // seen is 111 ms, and typical and l33t passwords get the same verdicts (docs/performance.md,
    // item 32): a password is judged by its first 64 characters, already a long passphrase.
    maxLength: STRENGTH_CHECKED_LENGTH,
    l33tMaxSubstitutions: 20,
  });
}

/**
 * zxcvbn-ts with the common (breached passwords), French and English dictionaries, the person's
 * own words counted as one more. `indexed: false` is zxcvbn-ts's own dictionary matching, kept
 * to compare with (dictionary-index.test.ts, `npm run bench -- signup`).
 */
export async function loadStrengthEstimator({ indexed } = { indexed: true }): Promise<Estimator> {
  const factory = await newZxcvbn();
  if (indexed) indexDictionaries(factory);
  return (password, userInputs) => factory.check(password, [...userInputs]);
}

/** The estimate the password policy decides on (password-policy.ts). */
export async function estimateStrength(
  password: string,
  userInputs: readonly string[],
): Promise<ZxcvbnResult> {
  estimator ??= loadStrengthEstimator().catch((error: unknown) => {
    estimator = undefined;
    throw error;
  });
  return (await estimator)(password, userInputs);
}
