import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

/**
 * zxcvbn-ts's dictionary matcher looks every substring of the password up in each of its 38
 * dictionaries one after the other (common, French and English: 39 lookups per substring with the
 * user's inputs), and its l33t matcher runs it again for each of up to 100 de-l33ted variants,
 * as does its word-sequence matcher: that was 25-40 ms of CPU per check, more than the argon2id
 * hash. This gives the factory one index (word → the dictionaries holding it, with its rank in
 * each, in zxcvbn's dictionary order): one lookup per substring. The matches, their order and
 * so every score are zxcvbn's own (dictionary-index.test.ts compares both on a set of
 * passwords); only Object.prototype's names ("constructor", "__proto__"), which zxcvbn's plain
 * objects report as matches of every dictionary, are no longer reported.
 *
 * zxcvbn-ts has no hook for this: its l33t, reverse and word-sequence matchers call the
 * dictionary matcher's `match` through `super`, so the method is replaced on that class, and
 * answers from an index only for the factories indexed here (any other runs zxcvbn's code).
 */

/** A word's place in one dictionary, packed in one small integer: rank × 64 + dictionary number. */
type Hits = number | number[];

interface DictionaryIndex {
  readonly names: readonly string[];
  readonly words: ReadonlyMap<string, Hits>;
  readonly maxWordLength: number;
}

interface UserInputs {
  readonly rankedDictionary: Readonly<Record<string, number>>;
  readonly rankedDictionaryMaxWordSize: number;
}

interface MatchCall {
  readonly password: string;
  readonly userInputsOptions?: UserInputs;
  readonly useLevenshtein?: boolean;
}

/** The parts of zxcvbn-ts's classes this reads (private in its type declarations). */
interface ZxcvbnOptions {
  readonly rankedDictionaries: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly useLevenshteinDistance: boolean;
  isWordSequence(name: string): boolean;
}
interface DictionaryMatcher {
  readonly options: ZxcvbnOptions;
  readonly wordSequenceCheck?: boolean;
  match(call: MatchCall): object[];
}

const DICTIONARY_BITS = 64;
const indexes = new WeakMap<ZxcvbnOptions, { all: DictionaryIndex; wordSequence: DictionaryIndex }>();

/** Builds the factory's indexes (once per process, with the factory) and routes its matching to them. */
export function indexDictionaries(factory: ZxcvbnFactory): void {
  const internals = factory as unknown as {
    options: ZxcvbnOptions;
    matching: { matchers: Record<string, DictionaryMatcher & { dictionaryL33t?: DictionaryMatcher }> };
  };
  const { options } = internals;
  const names = Object.keys(options.rankedDictionaries);
  if (names.includes("userInputs") || names.length > DICTIONARY_BITS || options.useLevenshteinDistance)
    return;
  indexes.set(options, {
    all: buildIndex(options, names),
    wordSequence: buildIndex(
      options,
      names.filter((name) => options.isWordSequence(name)),
    ),
  });
  // Only the dictionary matcher reads the ranked dictionaries, and it now reads the index: zxcvbn's
  // copies (one object of up to 88,799 keys each) are released: the heap holds the index instead.
  (options as { rankedDictionaries: ZxcvbnOptions["rankedDictionaries"] }).rankedDictionaries = {};
  const { matchers } = internals.matching;
  if (matchers.dictionary) routeToIndexes(Object.getPrototypeOf(matchers.dictionary) as DictionaryMatcher);
  rememberL33tPassword(matchers.dictionaryL33t);
  rememberL33tPassword(matchers.wordSequence?.dictionaryL33t);
}

function buildIndex(options: ZxcvbnOptions, names: readonly string[]): DictionaryIndex {
  const words = new Map<string, Hits>();
  let maxWordLength = 0;
  names.forEach((name, number) => {
    for (const [word, rank] of Object.entries(options.rankedDictionaries[name] ?? {})) {
      const hit = rank * DICTIONARY_BITS + number;
      const held = words.get(word);
      words.set(word, held === undefined ? hit : Array.isArray(held) ? [...held, hit] : [held, hit]);
      maxWordLength = Math.max(maxWordLength, word.length);
    }
  });
  return { names, words, maxWordLength };
}

const routed = new WeakSet<object>();

function routeToIndexes(prototype: DictionaryMatcher): void {
  if (routed.has(prototype)) return;
  routed.add(prototype);
  const zxcvbnMatch = prototype.match;
  prototype.match = function match(this: DictionaryMatcher, call: MatchCall) {
    const index = indexes.get(this.options);
    if (!index) return zxcvbnMatch.call(this, call);
    const unchanged = l33tPassword === undefined ? undefined : unchangedUntil(call.password, l33tPassword);
    return this.wordSequenceCheck
      ? matchIndex(call.password, index.wordSequence, unchanged)
      : matchIndex(call.password, index.all, unchanged, call.userInputsOptions);
  };
}

/**
 * zxcvbn's l33t matcher keeps, of the matches in a de-l33ted variant, those that cover a
 * substituted character, and the whole password (which ends its search): a substring the variant
 * shares with the password it was given is looked up only to be dropped. While it runs, that
 * password is known here.
 */
let l33tPassword: string | undefined;

function rememberL33tPassword(matcher: DictionaryMatcher | undefined): void {
  if (!matcher) return;
  const l33tMatch = matcher.match;
  matcher.match = function match(this: DictionaryMatcher, call: MatchCall) {
    l33tPassword = call.password;
    try {
      return l33tMatch.call(this, call);
    } finally {
      l33tPassword = undefined;
    }
  };
}

/**
 * For each start i, the first position from i on where `variant` differs from `password`, when
 * both (and their lower case) have the same length, i.e. every substitution was one character for
 * one and positions line up; otherwise undefined (nothing skipped).
 */
function unchangedUntil(variant: string, password: string): Int32Array | undefined {
  const a = variant.toLowerCase();
  const b = password.toLowerCase();
  const n = variant.length;
  if (password.length !== n || a.length !== n || b.length !== n) return undefined;
  const until = new Int32Array(n + 1).fill(n);
  for (let k = n - 1; k >= 0; k -= 1) until[k] = a[k] === b[k] ? (until[k + 1] ?? n) : k;
  return until;
}

/** zxcvbn's dictionary matches of `password`, in its order: by start, end, then dictionary. */
function matchIndex(
  password: string,
  index: DictionaryIndex,
  unchanged: Int32Array | undefined,
  userInputs?: UserInputs,
): object[] {
  const matches: object[] = [];
  const lower = password.toLowerCase();
  const userWords = userInputs?.rankedDictionary ?? {};
  const userWidth = userInputs?.rankedDictionaryMaxWordSize ?? 0;
  const maxWidth = Math.max(index.maxWordLength, userWidth);
  // No closure in the loop: it runs for every substring of every l33t variant.
  const last = lower.length - 1;
  for (let i = 0; i < lower.length; i += 1) {
    // A l33t variant's substrings equal to the password's are skipped, the whole password is not.
    const from = unchanged ? Math.min(unchanged[i] ?? i, i === 0 ? last : lower.length) : i;
    for (let j = from; j < lower.length && j - i < maxWidth; j += 1) {
      const word = lower.slice(i, j + 1);
      const hits = index.words.get(word);
      if (typeof hits === "number") matches.push(indexMatch(password, i, j, word, index, hits));
      else for (const hit of hits ?? NO_HITS) matches.push(indexMatch(password, i, j, word, index, hit));
      const userRank =
        Object.hasOwn(userWords, word) && word.length <= userWidth ? userWords[word] : undefined;
      if (userRank !== undefined) matches.push(dictionaryMatch(password, i, j, word, "userInputs", userRank));
    }
  }
  return matches;
}

const NO_HITS: readonly number[] = [];

function indexMatch(
  password: string,
  i: number,
  j: number,
  word: string,
  index: DictionaryIndex,
  hit: number,
) {
  const name = index.names[hit % DICTIONARY_BITS] ?? "";
  return dictionaryMatch(password, i, j, word, name, Math.floor(hit / DICTIONARY_BITS));
}

function dictionaryMatch(
  password: string,
  i: number,
  j: number,
  word: string,
  dictionaryName: string,
  rank: number,
) {
  return {
    pattern: "dictionary",
    i,
    j,
    token: password.slice(i, j + 1),
    matchedWord: word,
    rank,
    dictionaryName,
    reversed: false,
    l33t: false,
  };
}
