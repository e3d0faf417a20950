import { HttpError } from "@sesame/kit/http/http-error";
import type { MessageKey } from "../i18n/messages";

/**
 * A refused directory operation (bad input, conflict, last Global Administrator …), with the
 * catalogue key that explains it. The admin centre shows it next to the form, the CLI prints it,
 * Graph maps it to an OData error; uncaught, the error page renders it with its 4xx status.
 */
export class DirectoryError extends HttpError<MessageKey> {
  constructor(
    readonly code: MessageKey & `directory.error.${string}`,
    params: Record<string, string | number> = {},
    statusCode = 400,
  ) {
    super(statusCode, code, params);
    this.name = "DirectoryError";
  }
}
