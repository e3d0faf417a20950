import { createRequire } from "node:module";
import { BlockList, isIPv4, isIPv6 } from "node:net";
import type { Locale } from "@sesame/kit/i18n/i18n";
import type { Logger } from "@sesame/kit/logging/logger";
import { open, type Reader, type Response } from "maxmind";
import { z } from "zod";
import { countryName } from "../countries/countries";
import type { T } from "../i18n/messages";

/** Where an address is, as far as a person needs to recognise a sign-in: a country at most (docs/product-rules.md#approximate-place). */
export type Place =
  | { readonly kind: "country"; readonly code: string }
  | { readonly kind: "local" }
  | { readonly kind: "unknown" };

/** Loopback, private (RFC 1918, unique local), link-local and carrier-grade NAT: a local network. */
const local = new BlockList();
local.addSubnet("127.0.0.0", 8, "ipv4");
local.addSubnet("10.0.0.0", 8, "ipv4");
local.addSubnet("172.16.0.0", 12, "ipv4");
local.addSubnet("192.168.0.0", 16, "ipv4");
local.addSubnet("169.254.0.0", 16, "ipv4");
local.addSubnet("100.64.0.0", 10, "ipv4");
local.addAddress("::1", "ipv6");
local.addSubnet("fc00::", 7, "ipv6");
local.addSubnet("fe80::", 10, "ipv6");

/**
 * The documentation ranges (RFC 5737, RFC 3849) are in no country, yet the whois-derived data names
 * some (203.0.113.0/24 as Australia, 2001:db8::/32 as Japan): they are answered before the data.
 */
const documentation = new BlockList();
documentation.addSubnet("192.0.2.0", 24, "ipv4");
documentation.addSubnet("198.51.100.0", 24, "ipv4");
documentation.addSubnet("203.0.113.0", 24, "ipv4");
documentation.addSubnet("2001:db8::", 32, "ipv6");

type Family = "ipv4" | "ipv6";
type Log = Pick<Logger, "warn">;
/** A record of this data: the reader's types describe MaxMind's own databases, not this one. */
const countryRecord = z.object({ country_code: z.string().regex(/^[A-Z]{2}$/) });

export interface PlaceLookup {
  /** The place of a client address as the server saw it (IPv4-mapped IPv6 counted as IPv4). */
  placeOf(ip: string, logger: Log): Promise<Place>;
  /** The place of each distinct address, for a page that names several. */
  placesOf(ips: readonly string[], logger: Log): Promise<ReadonlyMap<string, Place>>;
  /**
   * Reads the data a lookup of `ip` needs, if not read yet, without looking it up: a sign-in calls
   * it before its transaction, so that the first read of a file (120 ms for IPv4, 260 ms for IPv6
   * on a quiet machine) never holds the database while the transaction waits for it.
   */
  prepare(ip: string, logger: Log): Promise<void>;
}

/** An address the data must be asked about, or the place known without it. */
function addressOf(ip: string): Place | { kind: "lookup"; address: string; family: Family } {
  const address = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1] ?? ip;
  const family: Family | undefined = isIPv4(address) ? "ipv4" : isIPv6(address) ? "ipv6" : undefined;
  if (!family) return { kind: "unknown" };
  if (local.check(address, family)) return { kind: "local" };
  if (documentation.check(address, family)) return { kind: "unknown" };
  return { kind: "lookup", address, family };
}

/**
 * Places from one data file per address family, each read on its first lookup of that family and
 * never at start (identity's idle memory, issue 17): a server that only sees IPv4 never holds the
 * larger IPv6 tree, and local addresses never read anything.
 */
export function placeLookup(fileOf: (family: Family) => string): PlaceLookup {
  const readers = new Map<Family, Promise<Reader<Response> | undefined>>();
  const readerFor = (family: Family, logger: Log) => {
    let reader = readers.get(family);
    if (!reader) {
      // Shared by every lookup that arrives while the file loads; a failure is logged once and the
      // places stay unknown until restart rather than failing the page or the mail.
      reader = (async () => open<Response>(fileOf(family), { cache: { max: 1000 } }))().catch(
        (error: unknown) => {
          logger.warn({ err: error, family }, "IP place data not loaded: places are shown as unknown");
          return undefined;
        },
      );
      readers.set(family, reader);
    }
    return reader;
  };
  const placeOf = async (ip: string, logger: Log): Promise<Place> => {
    const address = addressOf(ip);
    if (address.kind !== "lookup") return address;
    const record = countryRecord.safeParse((await readerFor(address.family, logger))?.get(address.address));
    return record.success ? { kind: "country", code: record.data.country_code } : { kind: "unknown" };
  };
  return {
    placeOf,
    async prepare(ip, logger) {
      const address = addressOf(ip);
      if (address.kind === "lookup") await readerFor(address.family, logger);
    },
    async placesOf(ips, logger) {
      const distinct = [...new Set(ips)];
      const places = await Promise.all(distinct.map((ip) => placeOf(ip, logger)));
      return new Map(distinct.map((ip, i) => [ip, places[i] ?? { kind: "unknown" }]));
    },
  };
}

/**
 * The country data the identity package ships (CC0 packaging of NRO registry data, CC BY 4.0),
 * resolved through the package so the production build, which leaves npm dependencies external,
 * finds the same file.
 */
const packaged = placeLookup((family) => {
  const require = createRequire(import.meta.url);
  // Spelled out, so the runtime dependency check sees the package.
  return family === "ipv4"
    ? require.resolve("@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country-ipv4.mmdb")
    : require.resolve("@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country-ipv6.mmdb");
});
export const { placeOf, placesOf, prepare: preparePlace } = packaged;

/** The place in the reader's language: a country's name, "Local network" or "Unknown place". */
export function placeName(t: T, locale: Locale, place: Place): string {
  if (place.kind === "local") return t("place.local");
  return (place.kind === "country" && countryName(locale, place.code)) || t("place.unknown");
}
