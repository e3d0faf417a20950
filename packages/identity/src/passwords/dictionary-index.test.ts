import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { indexDictionaries } from "./dictionary-index";
import { newZxcvbn } from "./password-strength";

/** Words the dictionaries hold (common, French, English, names), pieces of l33t, digits, separators. */
const PIECES = [
  "password",
  "motdepasse",
  "soleil",
  "azerty",
  "camille",
  "durand",
  "tournesol",
  "quai",
  "batterie",
  "cheval",
  "dragon",
  "monkey",
  "bonjour",
  "marseille",
  "lundi",
  "janvier",
  "three",
  "mars",
  "p@ss",
  "w0rd",
  "1ove",
  "$un",
  "|<",
  "3t3",
  "4m0ur",
  "!",
  "-",
  " ",
  ".",
  "_",
  "2024",
  "1990",
  "123",
  "007",
  "77",
  "zq7",
  "xkq",
  "Lumen",
];

/** The same pseudo-random passwords at every run (a failure names one that can be checked again). */
function passwords(count: number): string[] {
  let seed = 17;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  return Array.from({ length: count }, () => {
    const parts = Array.from({ length: 2 + next(4) }, () => PIECES[next(PIECES.length)] ?? "");
    const joined = parts.join("");
    return next(3) === 0 ? joined.toUpperCase() : joined;
  });
}

const TYPICAL = [
  "Tournesol-Quai-47",
  "zq7 lumen vase orbite",
  "password123",
  "motdepasse",
  "azertyuiop",
  "soleil2024",
  "P@ssw0rd!2024",
  "M0td3P@$$e",
  "Cheval!Batterie9Agrafe",
  "correct horse battery staple",
  "client.collaboratif2024",
  "durand-quai-4471",
  "Bench-Pass-0001-xyz",
  "onetwothree",
  "lundimardimercredi",
  "p@ssw0rd",
  "passw0rd",
  "12345678",
  "1qaz2wsx",
  "iloveyou1",
];

/** Every match zxcvbn's matchers find, before scoring picks some (its `matching` is private). */
function allMatches(factory: ZxcvbnFactory, password: string, inputs: string[]): unknown {
  const internals = factory as unknown as {
    options: { getUserInputsOptions(inputs: string[]): unknown };
    matching: { match(password: string, userInputs: unknown): unknown };
  };
  return internals.matching.match(password, internals.options.getUserInputsOptions(inputs));
}

describe("password strength with the dictionary index", () => {
  it("finds the same matches, guesses and score as zxcvbn-ts's own dictionary matching", async () => {
    const [indexed, shipped] = await Promise.all([newZxcvbn(), newZxcvbn()]);
    indexDictionaries(indexed);
    const inputs = ["client.collaboratif", "client", "collaboratif", "camille", "durand"];
    for (const password of [...TYPICAL, ...passwords(120)]) {
      assert.deepEqual(
        allMatches(indexed, password, inputs),
        allMatches(shipped, password, inputs),
        password,
      );
      const { calcTime: _a, ...fast } = indexed.check(password, inputs);
      const { calcTime: _b, ...slow } = shipped.check(password, inputs);
      assert.deepEqual(fast, slow, password);
    }
  });
});
