/**
 * The password-strength check alone (issue 17): CPU per check over a set of typical passwords,
 * zxcvbn-ts's own dictionary matching against identity's dictionary index, in alternating rounds
 * in this process. Both judge every password alike (passwords/dictionary-index.test.ts).
 */
import { loadStrengthEstimator } from "@sesame/identity/passwords/password-strength";
import { median } from "../child-server";
import { ownCpuMs } from "../signin/process-cpu";

/** What people type: passphrases, words with digits and symbols, l33t spellings, common ones. */
const TYPICAL = [
  "Banc-Essai-Inscription-47",
  "Tournesol-Quai-47",
  "zq7 lumen vase orbite",
  "correct horse battery staple",
  "Cheval!Batterie9Agrafe",
  "Marseille2024!",
  "P@ssw0rd!2024",
  "M0td3P@$$e",
  "soleil2024",
  "password123",
  "Julien.Martin1985",
  "vacances-ete-bretagne",
];
const INPUTS = ["julien.martin", "julien", "martin"];

export interface StrengthCheckResult {
  /** Median of the rounds, µs of CPU per check. */
  readonly shippedMicros: number;
  readonly indexedMicros: number;
  readonly passwords: number;
}

export async function benchStrengthCheck(rounds: number): Promise<StrengthCheckResult> {
  const [shipped, indexed] = await Promise.all([
    loadStrengthEstimator({ indexed: false }),
    loadStrengthEstimator({ indexed: true }),
  ]);
  const perCheck = (estimate: typeof shipped) => {
    const before = ownCpuMs();
    for (const password of TYPICAL) estimate(password, INPUTS);
    return ((ownCpuMs() - before) * 1000) / TYPICAL.length;
  };
  perCheck(shipped);
  perCheck(indexed);
  const a: number[] = [];
  const b: number[] = [];
  for (let round = 0; round < rounds; round++) {
    a.push(perCheck(shipped));
    b.push(perCheck(indexed));
  }
  return { shippedMicros: median(a), indexedMicros: median(b), passwords: TYPICAL.length };
}
