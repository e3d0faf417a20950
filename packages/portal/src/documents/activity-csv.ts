/** Excel reads a UTF-8 file as UTF-8 only with this mark in front. */
const BOM = "\uFEFF";

/**
 * One CSV field: quoted when it holds the separator, a quote or a line break (quotes doubled);
 * a value starting like a formula (= + - @, tab, carriage return) is prefixed with ' so a
 * spreadsheet shows it as text instead of running it.
 */
export function csvField(value: string | number | null, separator: string): string {
  let text = value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return text.includes(separator) || /["\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A whole CSV file: BOM, header, rows, CRLF line ends (RFC 4180). French spreadsheets expect ";"
 * between fields, English ones ",".
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
  locale: "fr" | "en",
): string {
  const sep = locale === "fr" ? ";" : ",";
  const line = (cells: readonly (string | number | null)[]) => cells.map((c) => csvField(c, sep)).join(sep);
  return `${BOM}${[line(header), ...rows.map(line)].join("\r\n")}\r\n`;
}
