/**
 * Child process of the documents benchmark: the raw streamed copy every transfer is compared with
 * (`createReadStream` → `createWriteStream`, 1 MiB reads and writes), in a fresh process of its own.
 * In the bench's process, after the other benchmarks of a full `npm run bench`, the same copy ran 3
 * to 5 times slower (each 1 MiB buffer's external memory pressed V8 into collecting a large heap),
 * which flattered every ratio to it. Prints {seconds, cpuMs} of the copy alone, start-up excluded.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { performance } from "node:perf_hooks";
import { pipeline } from "node:stream/promises";
import { ownCpuMs } from "../signin/process-cpu";
import { MiB } from "./document-client";

const [source, target] = process.argv.slice(2);
if (!source || !target) throw new Error("usage: raw-copy.ts <source> <target>");
const cpuBefore = ownCpuMs();
const start = performance.now();
await pipeline(
  createReadStream(source, { highWaterMark: MiB }),
  createWriteStream(target, { highWaterMark: MiB }),
);
const seconds = (performance.now() - start) / 1000;
process.stdout.write(`${JSON.stringify({ seconds, cpuMs: ownCpuMs() - cpuBefore })}\n`);
