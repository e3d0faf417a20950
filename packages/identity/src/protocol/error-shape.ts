import { randomUUID } from "node:crypto";
import type { AadstsError } from "./aadsts";

/** Microsoft's timestamp: `2016-01-09 02:02:12Z`. */
export function aadTimestamp(date = new Date()): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")}Z`;
}

export interface ErrorContext {
  readonly traceId: string;
  readonly correlationId: string;
  readonly timestamp: string;
}

export function errorContext(correlationId: string): ErrorContext {
  return { traceId: randomUUID(), correlationId, timestamp: aadTimestamp() };
}

/** `AADSTSn: msg\r\nTrace ID: …\r\nCorrelation ID: …\r\nTimestamp: …`, as Entra writes it. */
export function errorDescription(error: AadstsError, c: ErrorContext): string {
  return `${error.description}\r\nTrace ID: ${c.traceId}\r\nCorrelation ID: ${c.correlationId}\r\nTimestamp: ${c.timestamp}`;
}

/** The JSON body of a /token (or device code) failure (docs/microsoft-behaviour.md#aadsts). */
export function tokenErrorBody(error: AadstsError, c: ErrorContext, origin: string) {
  return {
    error: error.error,
    error_description: errorDescription(error, c),
    ...(error.suberror ? { suberror: error.suberror } : {}),
    error_codes: [error.code],
    timestamp: c.timestamp,
    trace_id: c.traceId,
    correlation_id: c.correlationId,
    error_uri: `${origin}/error?code=${error.code}`,
  };
}
