/**
 * The documents benchmark's client: curl, a native client nobody here wrote, as a browser's network
 * stack is native. It runs beside the server on the same 2 cores, so what it spends is taken from
 * the transfer it measures: Node's own https client spent 2 to 4 times curl's CPU on a 100 MiB
 * download (one JavaScript callback per 16 KiB TLS record), more than the portal itself, and set
 * the ratio instead of the server. Uploads are multipart (`-F`, curl's own boundary), without
 * `Expect: 100-continue` (a browser does not send it). Each transfer is one curl process and one
 * connection; its CPU is read from this process's reaped children (/proc/self/stat).
 */
import { execFile } from "node:child_process";
import { statSync } from "node:fs";

export const MiB = 1024 * 1024;

export interface PortalClient {
  /** Uploads `file` as `name` into the folder; answers the new document's id. */
  upload(file: string, name: string): Promise<string>;
  /** Downloads the document into `file`; answers the bytes written. */
  download(documentId: string, file: string): Promise<number>;
  /** The headers every request carries (session cookie, CSRF token). */
  readonly headers: Readonly<Record<string, string>>;
}

interface Ready {
  readonly documents: string;
  readonly cookie: string;
  readonly folder: string;
  /** The portal's certificate authority, which curl is given to check the server's certificate. */
  readonly caFile: string;
}

interface Answer {
  readonly status: number;
  readonly body: string;
}

/** Runs curl; `-w` appends the status on a line of its own after the body (or after nothing with `-o`). */
function curl(caFile: string, headers: Readonly<Record<string, string>>, args: string[]): Promise<Answer> {
  const headerArgs = Object.entries(headers).flatMap(([name, value]) => ["-H", `${name}: ${value}`]);
  return new Promise((resolve, reject) => {
    execFile(
      "curl",
      [
        "--silent",
        "--show-error",
        "--http1.1",
        "--cacert",
        caFile,
        ...headerArgs,
        "-w",
        "\n%{http_code}",
        ...args,
      ],
      { maxBuffer: 4 * MiB },
      (error, stdout, stderr) => {
        if (error) {
          const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
          reject(
            new Error(
              missing ? "the documents benchmark needs curl (apt-get install curl)" : `curl: ${stderr}`,
            ),
          );
          return;
        }
        const cut = stdout.lastIndexOf("\n");
        resolve({ status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) });
      },
    );
  });
}

/** Uploads and downloads with `headers`, through `uploadUrl` and the download URL of an id. */
function transfers(
  caFile: string,
  headers: Readonly<Record<string, string>>,
  uploadUrl: string,
  downloadUrl: (id: string) => string,
): PortalClient {
  return {
    headers,
    async upload(file, name) {
      const answer = await curl(caFile, { ...headers, accept: "application/json", expect: "" }, [
        "-F",
        `files=@${file};filename=${name};type=application/pdf`,
        uploadUrl,
      ]);
      if (answer.status !== 201) throw new Error(`upload answered ${answer.status}: ${answer.body}`);
      return JSON.parse(answer.body).files[0].id as string;
    },
    async download(documentId, file) {
      const answer = await curl(caFile, headers, ["-o", file, downloadUrl(documentId)]);
      if (answer.status !== 200) throw new Error(`download answered ${answer.status}`);
      return statSync(file).size;
    },
  };
}

/** Opens the session the benchmark's portal made (its page gives the CSRF token uploads need). */
export async function portalClient(ready: Ready): Promise<PortalClient> {
  const page = await curl(ready.caFile, { cookie: ready.cookie }, ["-D", "-", ready.documents]);
  const cookies = [...page.body.matchAll(/^set-cookie: ([^;\r\n]+)/gim)].map((m) => m[1]);
  const cookie = [ready.cookie, ...cookies].join("; ");
  const token = /data-csrf="([^"]+)"/.exec(page.body)?.[1] ?? "";
  return transfers(
    ready.caFile,
    { cookie, "x-csrf-token": token },
    `${ready.documents}?folder=${ready.folder}`,
    (id) => `${ready.documents}/${id}/download`,
  );
}

/**
 * The same client against the bare HTTPS floor (floor-server.ts): the same requests with the same
 * headers (a session cookie and a CSRF token are sent, though the floor reads neither).
 */
export function floorClient(base: string, like: PortalClient, caFile: string): PortalClient {
  return transfers(caFile, like.headers, `${base}/upload`, () => `${base}/download`);
}
