import type { KitMessageKey } from "../ui/kit-messages";

/**
 * A failure the user should read about in their language, with the HTTP status sent. `Key` is the
 * catalogue the message key belongs to: kit's own keys by default, a service's keys in the
 * service's subclass (DirectoryError, PortalError), so a mistyped key does not compile.
 */
export class HttpError<Key extends string = KitMessageKey> extends Error {
  constructor(
    readonly statusCode: number,
    // NoInfer: the key never widens the catalogue; without a type argument it is kit's.
    readonly messageKey: NoInfer<Key>,
    readonly params: Record<string, string | number> = {},
  ) {
    super(messageKey);
    this.name = "HttpError";
  }
}
