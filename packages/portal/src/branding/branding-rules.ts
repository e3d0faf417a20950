/** The logo types a firm may upload: raster images only (an SVG can carry script). */
export const LOGO_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type LogoType = (typeof LOGO_TYPES)[number];
export const MAX_LOGO_BYTES = 256 * 1024;

export const isLogoType = (mime: string | undefined): mime is LogoType =>
  (LOGO_TYPES as readonly string[]).includes(mime ?? "");

/** WCAG 2 relative luminance of an sRGB colour "#rrggbb". */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** The contrast ratio of white text on this colour (1 to 21). */
export const contrastWithWhite = (hex: string): number => 1.05 / (luminance(hex) + 0.05);

/** WCAG AA for normal text: the colour carries white button labels and links' accents. */
export const MIN_CONTRAST = 4.5;

export type ColourCheck =
  | { readonly ok: true; readonly colour: string | null }
  | { readonly ok: false; readonly reason: "invalid" }
  | { readonly ok: false; readonly reason: "contrast"; readonly ratio: number };

/** A firm's colour: empty (the portal's own), or "#rrggbb" dark enough for white text on it. */
export function checkColour(input: string | undefined): ColourCheck {
  const value = (input ?? "").trim().toLowerCase();
  if (value === "") return { ok: true, colour: null };
  const hex = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/.exec(value)?.[1];
  if (!hex) return { ok: false, reason: "invalid" };
  const full = `#${hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex}`;
  const ratio = contrastWithWhite(full);
  if (ratio < MIN_CONTRAST) return { ok: false, reason: "contrast", ratio: Math.floor(ratio * 10) / 10 };
  return { ok: true, colour: full };
}

/** The sender name of the firm's mails: one line of ordinary text, or none (the firm's name). */
export function checkSenderName(
  input: string | undefined,
): { ok: true; name: string | null } | { ok: false } {
  const value = (input ?? "").trim().replace(/\s+/g, " ");
  if (value === "") return { ok: true, name: null };
  if (value.length > 80 || [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    return { ok: false };
  return { ok: true, name: value };
}

/** A From header with a display name, quoted as RFC 5322 wants ("Cabinet \"YPN\"" <no-reply@…>). */
export const fromHeader = (displayName: string, address: string): string =>
  `"${displayName.replace(/[\r\n]/g, " ").replace(/["\\]/g, "\\$&")}" <${address}>`;
