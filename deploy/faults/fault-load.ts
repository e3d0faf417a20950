import type { Pool } from "undici";
import { BrowserClient, HttpStatusError } from "../tests/browser-client";
import type { Deployment } from "../tests/deployment";

/** One answer seen by a client through HAProxy; status 0 when the connection failed. */
export interface Answer {
  readonly at: number;
  readonly kind: string;
  readonly status: number;
  /** undefined where the request kind cannot see headers (a whole sign-in). */
  readonly retryAfter: boolean | undefined;
  /** Why the connection failed (status 0). */
  readonly error?: string;
}

export interface Load {
  readonly answers: Answer[];
  /** How many clients send (one request in flight each at most). */
  readonly clients: number;
  stop(): Promise<void>;
}

type Send = () => Promise<{ status: number; retryAfter: boolean | undefined }>;

/** The requests of the fault suite, each a user's or a client's: pages, JSON APIs and whole sign-ins. */
export function requestKinds(deployment: Deployment, identity: Pool, portal: Pool): Record<string, Send> {
  const simple =
    (pool: Pool, options: Parameters<Pool["request"]>[0]): Send =>
    async () => {
      const response = await pool.request(options);
      await response.body.dump();
      return { status: response.statusCode, retryAfter: response.headers["retry-after"] !== undefined };
    };
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  return {
    "login page": simple(identity, { method: "GET", path: "/login", headers: { accept: "text/html" } }),
    token: simple(identity, {
      method: "POST",
      path: `/${deployment.tenant}/oauth2/v2.0/token`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form({
        grant_type: "client_credentials",
        client_id: deployment.daemon.clientId,
        client_secret: deployment.daemon.secret,
        scope: "https://graph.microsoft.com/.default",
      }),
    }),
    GetCredentialType: simple(identity, {
      method: "POST",
      path: "/common/GetCredentialType",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ Username: deployment.user.email }),
    }),
    "portal page": simple(portal, { method: "GET", path: "/", headers: { accept: "text/html" } }),
    "sign-in": async () => {
      try {
        await new BrowserClient(identity).signIn(deployment.user);
        return { status: 200, retryAfter: undefined };
      } catch (error) {
        if (error instanceof HttpStatusError) return { status: error.status, retryAfter: undefined };
        throw error;
      }
    },
  };
}

/** One client per request kind, each sending again 10 ms after its last answer, until stopped. */
export function startFaultLoad(kinds: Record<string, Send>): Load {
  const answers: Answer[] = [];
  let running = true;
  const worker = async (kind: string, send: Send) => {
    while (running) {
      try {
        const { status, retryAfter } = await send();
        answers.push({ at: Date.now(), kind, status, retryAfter });
      } catch (error) {
        answers.push({ at: Date.now(), kind, status: 0, retryAfter: undefined, error: String(error) });
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const done = Promise.all(Object.entries(kinds).map(([kind, send]) => worker(kind, send)));
  return {
    answers,
    clients: Object.keys(kinds).length,
    async stop() {
      running = false;
      await done;
    },
  };
}
