import type { Locale } from "@sesame/kit/i18n/i18n";
// The package's Node entry registers all its ~80 languages (9 MB resident); the plain library and
// the two the pages speak are enough.
import countries from "i18n-iso-countries/index.js";
import en from "i18n-iso-countries/langs/en.json";
import fr from "i18n-iso-countries/langs/fr.json";

countries.registerLocale(fr);
countries.registerLocale(en);

export interface Country {
  readonly code: string;
  readonly name: string;
}

const cache = new Map<Locale, readonly Country[]>();

/** Every ISO 3166-1 alpha-2 country, named in the page's language and sorted as a reader expects. */
export function countryList(locale: Locale): readonly Country[] {
  let list = cache.get(locale);
  if (!list) {
    const names = countries.getNames(locale, { select: "official" });
    const collator = new Intl.Collator(locale);
    list = Object.entries(names)
      .map(([code, name]) => ({ code, name }))
      .sort((a, b) => collator.compare(a.name, b.name));
    cache.set(locale, list);
  }
  return list;
}

export function isCountryCode(code: string): boolean {
  return countries.isValid(code) && /^[A-Z]{2}$/.test(code);
}

const byLanguage: Record<string, string> = { fr: "FR", en: "US", de: "DE", es: "ES", it: "IT", nl: "NL" };

/**
 * The country preselected from the browser's languages: the region of the first tag that has one
 * (fr-BE → BE), else the language's main country (fr → FR), else France.
 */
export function defaultCountry(acceptLanguage: string | undefined): string {
  const tags = (acceptLanguage ?? "")
    .split(",")
    .map((part) => part.split(";")[0]?.trim() ?? "")
    .filter(Boolean);
  for (const tag of tags) {
    const region = tag.split("-")[1]?.toUpperCase();
    if (region && isCountryCode(region)) return region;
    const guess = byLanguage[tag.slice(0, 2).toLowerCase()];
    if (guess) return guess;
  }
  return "FR";
}

/** A country's name in the page's language, as the country lists name it; undefined for a code outside ISO 3166-1. */
export function countryName(locale: Locale, code: string): string | undefined {
  return countryList(locale).find((c) => c.code === code)?.name;
}
