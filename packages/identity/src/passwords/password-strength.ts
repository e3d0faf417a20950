import type { ZxcvbnFactory, ZxcvbnResult } from "@zxcvbn-ts/core";

/**
 * zxcvbn-ts and its dictionaries (about 60 MB resident once loaded) are imported on the first
 * password check, not at start: most instances serve tokens and sign-ins, which never check a new
 * password, and an idle service stays small (docs/performance.md). Building the ranked dictionaries
 * takes a few hundred milliseconds: once per process.
 */
let factory: Promise<ZxcvbnFactory> | undefined;

async function loadFactory(): Promise<ZxcvbnFactory> {
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
  });
}

/** zxcvbn-ts with the common (breached passwords), French and English dictionaries. */
export async function estimateStrength(
  password: string,
  userInputs: readonly string[],
): Promise<ZxcvbnResult> {
  factory ??= loadFactory().catch((error: unknown) => {
    factory = undefined;
    throw error;
  });
  return (await factory).check(password, [...userInputs]);
}
