export const locales = ["fr", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "fr";
export const localeCookie = "__Host-lang";

export type Params = Record<string, string | number>;

/**
 * A catalogue: French first (the wording users know from the help article), English typed
 * against it, so a key missing in either language is a compile error.
 */
export interface Catalog<K extends string> {
  readonly fr: Readonly<Record<K, string>>;
  readonly en: Readonly<Record<K, string>>;
}

export function defineMessages<const F extends Record<string, string>>(
  fr: F,
  en: Readonly<Record<keyof F & string, string>>,
): Catalog<keyof F & string> {
  return { fr, en };
}

export type Translator<K extends string> = (key: K, params?: Params) => string;

export function translator<K extends string>(catalog: Catalog<K>, locale: Locale): Translator<K> {
  const table = catalog[locale];
  return (key, params) => interpolate(table[key], params);
}

function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** The remembered choice wins, then the browser's Accept-Language by quality, then French. */
export function negotiateLocale(cookieValue: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...rest] = part.trim().split(";");
      const q = rest.find((p) => p.trim().startsWith("q="));
      return { lang: tag.trim().toLowerCase().slice(0, 2), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.lang && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((entry) => entry.lang).find(isLocale) ?? defaultLocale;
}

type KeysOf<C> = C extends Catalog<infer K> ? K : never;

/** One catalogue from the features' catalogues; a key defined twice is a mistake caught at start. */
export function mergeCatalogs<const Cs extends readonly Catalog<string>[]>(
  ...catalogs: Cs
): Catalog<KeysOf<Cs[number]>> {
  const fr: Record<string, string> = {};
  const en: Record<string, string> = {};
  for (const catalog of catalogs) {
    for (const key of Object.keys(catalog.fr)) {
      if (key in fr) throw new Error(`message key defined twice: ${key}`);
      fr[key] = (catalog.fr as Record<string, string>)[key] as string;
      en[key] = (catalog.en as Record<string, string>)[key] as string;
    }
  }
  return { fr, en } as Catalog<KeysOf<Cs[number]>>;
}
