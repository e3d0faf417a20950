/**
 * Digital age of consent: below it, a parent must create or approve a personal account.
 *
 * Source: Microsoft support article a7393f56-5107-44b1-be44-655589bdeb92 "List of countries or
 * regions that have statutory age limits for children", as summarised in
 * docs/microsoft-behaviour.md#age-of-consent. Revision B (the more recent captures) is used where it
 * gives a value: AT CN CY IT KR LT 14; CZ FR GR SI 15; LI 16; DK PL PT 13. Revision A fills in the
 * countries B's truncated captures do not show, except its blanket 18 for Germany, which B leaves
 * unknown: Germany keeps the GDPR article 8 default of 16. Anything not listed gets the default (16).
 * SESAME_AGE_OF_CONSENT ("FR=15,DE=16") overrides entries without a code change.
 */
export const DEFAULT_AGE_OF_CONSENT = 16;

const revisionA: Record<number, string> = {
  13: "AR BE BR EG SV EE FI HK IS LV LY MY MX NO SG SE TR AE GB US UY",
  14: "BG CA CO EC IL RU ES TW",
  15: "BA",
  16: "DZ BO GE JP MT MD ME NZ MK RS CH UA VN DE",
  17: "AL",
  18: "AU BH TD CL CR GT HN IN ID KW MA NI PA PY PE PH QA SA ZA TN",
  20: "TH",
  21: "OM",
};

const revisionB: Record<number, string> = {
  13: "DK PL PT",
  14: "AT CN CY IT KR LT",
  15: "CZ FR GR SI",
  16: "LI",
};

function table(...revisions: Record<number, string>[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const revision of revisions) {
    for (const [age, codes] of Object.entries(revision)) {
      for (const code of codes.split(" ")) out.set(code, Number(age));
    }
  }
  return out;
}

export const ageOfConsentTable: ReadonlyMap<string, number> = table(revisionA, revisionB);

/** "FR=15, DE=16" → overrides; malformed entries are refused by the configuration check. */
export function parseAgeOverrides(value: string | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const entry of (value ?? "").split(",")) {
    const match = /^\s*([A-Za-z]{2})\s*=\s*(\d{1,2})\s*$/.exec(entry);
    if (match?.[1] && match[2]) out.set(match[1].toUpperCase(), Number(match[2]));
  }
  return out;
}

export function ageOfConsent(country: string, overrides: ReadonlyMap<string, number> = new Map()): number {
  return overrides.get(country) ?? ageOfConsentTable.get(country) ?? DEFAULT_AGE_OF_CONSENT;
}
