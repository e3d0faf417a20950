import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defineMessages, negotiateLocale, translator } from "./i18n";

describe("language", () => {
  it("follows the remembered choice before the browser language", () => {
    assert.equal(negotiateLocale("en", "fr-FR,fr;q=0.9"), "en");
  });
  it("follows Accept-Language by quality and falls back to French", () => {
    assert.equal(negotiateLocale(undefined, "de-DE,en;q=0.8,fr;q=0.5"), "en");
    assert.equal(negotiateLocale(undefined, "de-DE"), "fr");
    assert.equal(negotiateLocale("xx", undefined), "fr");
  });
  it("fills named parameters", () => {
    const t = translator(defineMessages({ hi: "Bonjour {name}" }, { hi: "Hello {name}" }), "en");
    assert.equal(t("hi", { name: "Ana" }), "Hello Ana");
  });
});
