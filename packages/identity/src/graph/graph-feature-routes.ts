import type { FastifyInstance } from "fastify";
import type { IdentityContext } from "../context";
import { registerGraphAppRoutes } from "./graph-app-routes";
import { registerGraphRoutes } from "./graph-routes";
import { registerGraphUserWrites } from "./graph-user-writes";

/** Microsoft Graph v1.0 subset on identity's host: reads, user writes, applications and grants. */
export function registerGraph(app: FastifyInstance, ctx: IdentityContext): void {
  registerGraphRoutes(app, ctx);
  registerGraphUserWrites(app, ctx);
  registerGraphAppRoutes(app, ctx);
}
