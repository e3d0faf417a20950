import { HttpError } from "@sesame/kit/http/http-error";
import type { Params } from "@sesame/kit/i18n/i18n";
import type { MessageKey } from "../i18n/messages";

/**
 * A failure the portal explains to the user: its message key is a key of the portal's catalogue,
 * so a mistyped key does not compile.
 */
export class PortalError extends HttpError<MessageKey> {
  constructor(statusCode: number, messageKey: MessageKey, params: Params = {}) {
    super(statusCode, messageKey, params);
    this.name = "PortalError";
  }
}
