import { createReadStream } from "node:fs";
import net from "node:net";

export type ScanVerdict = "clean" | "infected" | "not_scanned";

/** clamd is configured but did not give a verdict (down, unreachable, an error). */
export class ScanUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`clamd gave no verdict: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "ScanUnavailableError";
  }
}

/**
 * Asks clamd about a file through its INSTREAM command (length-prefixed chunks, then a zero
 * length); without a configured daemon the file is "not_scanned". A daemon that cannot be reached
 * or answers an error throws: an upload is never let through unscanned when scanning is configured.
 */
export async function scanFile(clamavUrl: string | undefined, file: string): Promise<ScanVerdict> {
  if (!clamavUrl) return "not_scanned";
  try {
    return await askClamd(clamavUrl, file);
  } catch (error) {
    throw new ScanUnavailableError(error);
  }
}

async function askClamd(clamavUrl: string, file: string): Promise<ScanVerdict> {
  const { hostname, port } = new URL(clamavUrl);
  const socket = net.connect({ host: hostname, port: Number(port) });
  const answer = new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("end", () => resolve(Buffer.concat(chunks).toString("utf8").replace(/\0/g, "").trim()));
    socket.on("error", reject);
  });
  answer.catch(() => {}); // a failed connection is reported by the wait below
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  socket.write("zINSTREAM\0");
  for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 })) {
    const size = Buffer.alloc(4);
    size.writeUInt32BE((chunk as Buffer).length);
    if (!socket.write(Buffer.concat([size, chunk as Buffer])))
      await new Promise((resolve) => socket.once("drain", resolve));
  }
  socket.end(Buffer.alloc(4));
  const reply = await answer;
  if (reply.endsWith("FOUND")) return "infected";
  if (reply.endsWith("OK")) return "clean";
  throw new Error(`clamd answered: ${reply}`);
}
