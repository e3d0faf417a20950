/**
 * Tells a failure of the database itself (down, restarting, failing over, connections cut) from a
 * failure of the query. Every protocol surface answers the first with 503 and `Retry-After` in its
 * own format (OAuth JSON, Graph OData, HTML page), never with a 500: the request was fine, the
 * service will be back.
 */

/** What `Retry-After` says during an outage: the client's next try should find the database back. */
export const storageRetryAfterSeconds = 5;

// SQLSTATE classes 08 (connection exception), 53 (insufficient resources) and 57P0x (operator
// intervention: admin shutdown, crash shutdown, cannot connect now, database dropped).
const unavailableStates = /^(08...|53...|57P0[1-4])$/;
const unavailableCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ECONNABORTED",
  "EAI_AGAIN",
]);
const unavailableMessages = [
  "Connection terminated",
  "timeout exceeded when trying to connect",
  "Client has encountered a connection error",
  "Connection ended unexpectedly",
  "the database system is",
  // A pooled client broken by a cut connection, then asked again before the pool discarded it.
  "is not queryable",
  "Query read timeout",
];

export function isStorageUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 3) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (unavailableStates.test(code) || unavailableCodes.has(code))) return true;
  // SQLite: another process holds the write lock past busy_timeout.
  if (code === "SQLITE_BUSY") return true;
  if (unavailableMessages.some((m) => error.message.includes(m))) return true;
  // Node tries every address of a host name (localhost: ::1 then 127.0.0.1) and reports them together.
  if (error instanceof AggregateError && error.errors.some((e) => isStorageUnavailable(e, depth + 1)))
    return true;
  return isStorageUnavailable(error.cause, depth + 1);
}
