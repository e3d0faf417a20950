import { ZxcvbnFactory, type ZxcvbnResult } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import * as fr from "@zxcvbn-ts/language-fr";

// Building the ranked dictionaries takes a few hundred milliseconds: once per process, on first use.
let factory: ZxcvbnFactory | undefined;

/** zxcvbn-ts with the common (breached passwords), French and English dictionaries. */
export function estimateStrength(password: string, userInputs: readonly string[]): ZxcvbnResult {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...fr.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return factory.check(password, [...userInputs]);
}
