import { loadOnce } from "@sesame/kit/modules/load-once";

/** file-type loads with the first upload, not at the portal's start. */
const fileType = loadOnce("file-type", () => import("file-type"));

/**
 * The content type of a staged file, from its bytes (never its name or the browser's claim):
 * `file-type`'s answer, else "text/plain" for UTF-8 text without control bytes (CSV, FEC, TXT),
 * else undefined (unknown binary).
 */
export async function detectType(stagedPath: string, head: Buffer): Promise<string | undefined> {
  const found = await (await fileType()).fileTypeFromFile(stagedPath);
  if (found) return found.mime;
  return looksLikeText(head) ? "text/plain" : undefined;
}

function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return false;
  // A multi-byte character cut at the end of the head is not a decoding error.
  const text = new TextDecoder("utf-8", { fatal: false }).decode(head);
  const body = text.endsWith("\uFFFD") ? text.slice(0, -1) : text;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: binary content is what is looked for
  return !body.includes("\uFFFD") && !/[\u0000-\u0008\u000e-\u001f]/.test(body);
}
