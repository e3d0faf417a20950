import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ageOfConsent, parseAgeOverrides } from "./age-of-consent";
import { ageOn, birthDateProblem } from "./birth-date";
import { countryList, defaultCountry } from "./countries";

const today = new Date("2026-11-25T12:00:00Z");

describe("birth date and age rules", () => {
  it("refuses dates that do not exist", () => {
    assert.equal(birthDateProblem({ year: 2001, month: 2, day: 31 }, today), "notADate");
    assert.equal(birthDateProblem({ year: 2001, month: 2, day: 29 }, today), "notADate");
    assert.equal(birthDateProblem({ year: 2000, month: 2, day: 29 }, today), undefined);
    assert.equal(birthDateProblem({ year: 2001, month: 13, day: 1 }, today), "notADate");
  });

  it("refuses a date in the future and one before 1900", () => {
    assert.equal(birthDateProblem({ year: 2026, month: 11, day: 26 }, today), "future");
    assert.equal(birthDateProblem({ year: 2026, month: 11, day: 25 }, today), undefined);
    assert.equal(birthDateProblem({ year: 1899, month: 12, day: 31 }, today), "tooOld");
  });

  it("asks for all three fields", () => {
    assert.equal(birthDateProblem({ year: 2001, month: 2 }, today), "missing");
  });

  it("counts whole years, the birthday itself included", () => {
    assert.equal(ageOn({ year: 2011, month: 11, day: 25 }, today), 15);
    assert.equal(ageOn({ year: 2011, month: 11, day: 26 }, today), 14);
  });

  it("uses France 15, the table for listed countries and 16 elsewhere, with overrides", () => {
    assert.equal(ageOfConsent("FR"), 15);
    assert.equal(ageOfConsent("US"), 13);
    assert.equal(ageOfConsent("KR"), 14);
    assert.equal(ageOfConsent("AQ"), 16);
    assert.equal(ageOfConsent("FR", parseAgeOverrides("FR=18, de=16")), 18);
  });
});

describe("countries", () => {
  it("lists every ISO country with localised names", () => {
    const fr = countryList("fr");
    const en = countryList("en");
    assert.ok(fr.length >= 249);
    assert.equal(fr.find((c) => c.code === "DE")?.name, "Allemagne");
    assert.equal(en.find((c) => c.code === "DE")?.name, "Germany");
  });

  it("preselects the country from the browser language", () => {
    assert.equal(defaultCountry("fr"), "FR");
    assert.equal(defaultCountry("fr-BE,fr;q=0.8"), "BE");
    assert.equal(defaultCountry("en-GB"), "GB");
    assert.equal(defaultCountry(undefined), "FR");
  });
});
