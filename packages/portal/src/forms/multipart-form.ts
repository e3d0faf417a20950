import multipart, { type MultipartFile } from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import { PortalError } from "../errors/portal-error";
import type { MessageKey } from "../i18n/messages";

/** A small form with at most one file, read whole into the body beside its fields. */
export interface MultipartFormOptions {
  /** The file's largest size in bytes. */
  readonly maxFileBytes: number;
  /**
   * false: a larger file is cut and `part.file.truncated` says so (the form then answers in its
   * own words); true (@fastify/multipart's default): reading it fails with a 413.
   */
  readonly throwFileSizeLimit: boolean;
  /** What a malformed body (no boundary, a cut part) is refused with, in the user's words. */
  readonly badUpload: MessageKey;
  /** The file's value in the body, as the form's schema reads it. */
  readFile(part: MultipartFile): Promise<string>;
}

/**
 * Registers `routes` in a scope that parses multipart/form-data into `request.body` (fields and
 * file by name, for the route's zod schema). A malformed body is the sender's fault: a 400 in
 * words, handed on to the portal's error handler like any other refusal.
 */
export function registerMultipartForm(
  fastify: FastifyInstance,
  options: MultipartFormOptions,
  routes: (scope: FastifyInstance) => void,
): void {
  fastify.register(async (scope) => {
    scope.setErrorHandler((error) => {
      const status = (error as { statusCode?: number }).statusCode;
      // "Premature close": the body ended inside a part (an upload cut off in transit).
      const fromParser = /multipart|boundary|unexpected end of form|malformed part|premature close/i.test(
        error instanceof Error ? error.message : "",
      );
      if (status === undefined && fromParser) throw new PortalError(400, options.badUpload);
      throw error;
    });
    await scope.register(multipart, {
      attachFieldsToBody: "keyValues",
      throwFileSizeLimit: options.throwFileSizeLimit,
      limits: { fileSize: options.maxFileBytes, files: 1, fields: 10 },
      async onFile(part) {
        // With attachFieldsToBody "keyValues", the body takes the value onFile leaves on the part.
        (part as unknown as { value: string }).value = await options.readFile(part);
      },
    });
    routes(scope);
  });
}
