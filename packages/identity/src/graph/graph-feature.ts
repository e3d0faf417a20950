import type { IdentityFeature } from "../feature";
import { registerGraphAppRoutes } from "./graph-app-routes";
import { registerGraphCors } from "./graph-cors";
import { graphErrorHandler, unknownSegment } from "./graph-error";
import { registerGraphGuestPolicies } from "./graph-guest-policies";
import { authenticateGraph } from "./graph-handler";
import { registerGraphInvitations } from "./graph-invitations";
import { registerGraphRoutes } from "./graph-routes";
import { registerGraphUserWrites } from "./graph-user-writes";

/** Microsoft Graph v1.0 subset on identity's host: reads, user writes, applications and grants. */
export const graphFeature: IdentityFeature = {
  name: "graph",
  migrations: {},
  register(app, ctx) {
    // One encapsulated surface: its error handler and its token check apply to /v1.0 only.
    app.register(async (graph) => {
      registerGraphCors(app, graph);
      graph.setErrorHandler(graphErrorHandler);
      graph.addHook("preValidation", authenticateGraph(ctx));
      registerGraphRoutes(graph, ctx);
      registerGraphUserWrites(graph, ctx);
      registerGraphAppRoutes(graph, ctx);
      registerGraphInvitations(graph, ctx);
      registerGraphGuestPolicies(graph, ctx);
      // What no route above serves is an unknown segment: Graph answers 400 in OData, not a 404 page.
      graph.route({
        method: ["GET", "POST", "PATCH", "PUT", "DELETE"],
        url: "/v1.0/*",
        handler: async (request) => {
          const path = request.url.split("?")[0] ?? "";
          const segment =
            path
              .slice("/v1.0/".length)
              .split("/")
              .find((s) => s !== "") ?? "";
          throw unknownSegment(decodeURIComponent(segment));
        },
      });
    });
  },
};
