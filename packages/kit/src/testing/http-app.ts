import type { FastifyInstance } from "fastify";
import { createHttpApp } from "../http/create-app";
import { createLogger } from "../logging/logger";
import { kitMessages } from "../ui/kit-messages";

/** The kit's HTTP app with the kit's own catalogue and a silent logger, for tests of its mechanisms. */
export function createTestHttpApp(options: { trustedProxies?: string[] } = {}): Promise<FastifyInstance> {
  return createHttpApp({
    ...options,
    service: "test",
    brand: "Test",
    messages: kitMessages,
    logger: createLogger("test", "silent"),
    checkReady: async () => {},
  });
}
