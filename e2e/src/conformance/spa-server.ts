import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const msalDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve("@azure/msal-browser/package.json")),
  "lib",
);

/** The app's files, and msal-browser's published browser bundles served as they are. */
const files: Record<string, { file: string; type: string }> = {
  "/": { file: path.join(here, "spa-app", "index.html"), type: "text/html; charset=utf-8" },
  "/redirect.html": { file: path.join(here, "spa-app", "redirect.html"), type: "text/html; charset=utf-8" },
  "/app.js": { file: path.join(here, "spa-app", "app.js"), type: "text/javascript; charset=utf-8" },
  "/msal-browser.min.js": { file: path.join(msalDir, "msal-browser.min.js"), type: "text/javascript" },
  "/msal-redirect-bridge.min.js": {
    file: path.join(msalDir, "redirect-bridge", "msal-redirect-bridge.min.js"),
    type: "text/javascript",
  },
};

export interface SpaServer {
  /** http://127.0.0.1:PORT: another site than identity's https://localhost:PORT. */
  readonly origin: string;
  close(): Promise<void>;
}

/** A static single-page app on a loopback http origin, with its msal-browser configuration. */
export async function startSpaServer(
  config: (origin: string) => Record<string, unknown>,
): Promise<SpaServer> {
  let origin = "";
  const server = http.createServer((request, response) => {
    const pathname = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    if (pathname === "/config.json") {
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(config(origin)));
      return;
    }
    const served = files[pathname];
    if (!served) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    response.writeHead(200, { "content-type": served.type, "cache-control": "no-store" });
    fs.createReadStream(served.file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
