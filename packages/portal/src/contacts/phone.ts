/**
 * French ways of writing a phone number, normalised to E.164: "06 12 34 56 78", "06.12.34.56.78",
 * "+33 6 12 34 56 78", "0033612345678", "+33 (0)6 12 34 56 78". Other international numbers
 * written with + and 9 to 15 digits are kept as given. Returns undefined when it is not a number.
 */
export function normalizePhone(input: string): string | undefined {
  const compact = input
    .trim()
    .replace(/\(0\)/g, "")
    .replace(/[\s.\-()/]/g, "");
  if (/^0[1-9]\d{8}$/.test(compact)) return `+33${compact.slice(1)}`;
  const international = compact.startsWith("00") ? `+${compact.slice(2)}` : compact;
  if (/^\+33[1-9]\d{8}$/.test(international)) return international;
  if (/^\+33/.test(international)) return undefined;
  if (/^\+[1-9]\d{8,14}$/.test(international)) return international;
  return undefined;
}
