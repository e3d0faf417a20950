import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import { translate } from "../i18n/messages";
import { type Place, placeLookup, placeName, placeOf } from "./ip-place";

/** A logger that keeps what it was told, to see a failure reported once. */
function recordingLogger() {
  const warnings: unknown[] = [];
  return { warnings, warn: (...args: unknown[]) => void warnings.push(args) };
}

/** The packaged data, each file's read recorded. */
function countingLookup() {
  const opened: string[] = [];
  const require = createRequire(import.meta.url);
  const lookup = placeLookup((family) => {
    opened.push(family);
    return require.resolve(`@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country-${family}.mmdb`);
  });
  return { opened, lookup };
}

describe("the approximate place of an IP address", () => {
  const logger = recordingLogger();
  const place = (ip: string) => placeOf(ip, logger);

  it("names the country the address range is assigned to, IPv4, IPv6 and IPv4-mapped", async () => {
    assert.deepEqual(await place("8.8.8.8"), { kind: "country", code: "US" });
    assert.deepEqual(await place("1.1.1.1"), { kind: "country", code: "AU" });
    // Orange's ranges in France.
    assert.deepEqual(await place("90.84.0.1"), { kind: "country", code: "FR" });
    assert.deepEqual(await place("2a01:cb00::1"), { kind: "country", code: "FR" });
    assert.deepEqual(await place("::ffff:90.84.0.1"), { kind: "country", code: "FR" });
    assert.deepEqual(logger.warnings, []);
  });

  it("calls loopback, private, link-local and shared (CGNAT) addresses a local network", async () => {
    for (const ip of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.5.4",
      "192.168.1.1",
      "100.64.0.1",
      "169.254.1.1",
      "::1",
      "fd12:3456::1",
      "fe80::1",
      "::ffff:10.0.0.1",
      "::FFFF:127.0.0.1",
    ])
      assert.deepEqual(await place(ip), { kind: "local" }, ip);
  });

  it("knows no place for documentation ranges, even where the registry data names one, nor for non-addresses", async () => {
    for (const ip of ["192.0.2.1", "198.51.100.7", "203.0.113.7", "2001:db8::1", "", "unknown", "999.1.1.1"])
      assert.deepEqual(await place(ip), { kind: "unknown" }, ip);
  });

  it("reads each family's file once, on the first lookup that needs it, shared by concurrent lookups", async () => {
    const { opened, lookup } = countingLookup();
    await lookup.placeOf("127.0.0.1", logger);
    assert.deepEqual(opened, [], "a local address reads nothing");
    const places = await lookup.placesOf(["8.8.8.8", "90.84.0.1", "1.1.1.1", "8.8.8.8"], logger);
    assert.deepEqual(opened, ["ipv4"]);
    assert.deepEqual(places.get("90.84.0.1"), { kind: "country", code: "FR" });
    assert.equal(places.size, 3);
  });

  it("reads a family's file ahead of a lookup, only for an address the data is asked about", async () => {
    const { opened, lookup } = countingLookup();
    for (const ip of ["127.0.0.1", "10.1.2.3", "192.0.2.1", "unknown"]) await lookup.prepare(ip, logger);
    assert.deepEqual(opened, [], "local, documentation and malformed addresses read nothing");
    await lookup.prepare("::ffff:90.84.0.1", logger);
    assert.deepEqual(opened, ["ipv4"]);
    assert.deepEqual(await lookup.placeOf("90.84.0.1", logger), { kind: "country", code: "FR" });
    await lookup.prepare("2a01:cb00::1", logger);
    assert.deepEqual(opened, ["ipv4", "ipv6"], "each file read once");
  });

  it("answers unknown, and logs once, when the data cannot be read", async () => {
    const failing = recordingLogger();
    const lookup = placeLookup(() => "/nonexistent/places.mmdb");
    const places = await Promise.all(["8.8.8.8", "90.84.0.1"].map((ip) => lookup.placeOf(ip, failing)));
    assert.deepEqual(places, [{ kind: "unknown" }, { kind: "unknown" }]);
    assert.deepEqual(await lookup.placeOf("1.1.1.1", failing), { kind: "unknown" });
    assert.equal(failing.warnings.length, 1);
  });

  it("names the place in the reader's language", () => {
    const fr = translate("fr");
    const en = translate("en");
    const us: Place = { kind: "country", code: "US" };
    assert.equal(placeName(fr, "fr", { kind: "country", code: "FR" }), "France");
    assert.equal(placeName(fr, "fr", us), "États-Unis d'Amérique");
    assert.equal(placeName(en, "en", us), "United States of America");
    assert.equal(placeName(fr, "fr", { kind: "local" }), "Réseau local");
    assert.equal(placeName(en, "en", { kind: "local" }), "Local network");
    assert.equal(placeName(fr, "fr", { kind: "unknown" }), "Lieu inconnu");
    assert.equal(placeName(en, "en", { kind: "country", code: "ZZ" }), "Unknown place");
  });
});
