import type { KitMessageKey } from "../ui/kit-messages";

/**
 * A failure the user should read about in their language. `messageKey` is a key of the service's
 * catalogue (kit keys are always available); the status is the HTTP status sent.
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly messageKey: KitMessageKey | (string & {}),
    readonly params: Record<string, string | number> = {},
  ) {
    super(messageKey);
    this.name = "HttpError";
  }
}
