import type { IdentityFeature } from "../feature";
import { registerConsentPolicyGraphRoutes } from "./consent-policy-graph-routes";
import { registerConsentRequestGraphRoutes } from "./consent-request-graph-routes";
import { registerGraphAppRoutes } from "./graph-app-routes";
import { registerAuthenticationMethodItemRoutes } from "./graph-authentication-method-items";
import { registerAuthenticationMethodRoutes } from "./graph-authentication-methods";
import { registerGraphCors } from "./graph-cors";
import { graphErrorHandler, unknownSegment } from "./graph-error";
import { registerGraphGuestPolicies } from "./graph-guest-policies";
import { authenticateGraph } from "./graph-handler";
import { registerGraphInvitations } from "./graph-invitations";
import { registerGraphRoutes } from "./graph-routes";
import { registerGraphUserWrites } from "./graph-user-writes";
import { RouteSegments } from "./unknown-segment";

/** Microsoft Graph v1.0 subset on identity's host: reads, user writes, applications and grants. */
export const graphFeature: IdentityFeature = {
  name: "graph",
  migrations: {},
  register(app, ctx) {
    // One encapsulated surface: its error handler and its token check apply to /v1.0 only.
    app.register(async (graph) => {
      const served = new RouteSegments();
      graph.addHook("onRoute", (route) => served.add(route.url));
      registerGraphCors(app, graph);
      graph.setErrorHandler(graphErrorHandler);
      graph.addHook("preValidation", authenticateGraph(ctx));
      registerGraphRoutes(graph, ctx);
      registerGraphUserWrites(graph, ctx);
      registerGraphAppRoutes(graph, ctx);
      registerConsentPolicyGraphRoutes(graph, ctx);
      registerConsentRequestGraphRoutes(graph, ctx);
      registerAuthenticationMethodRoutes(graph, ctx);
      registerAuthenticationMethodItemRoutes(graph, ctx);
      registerGraphInvitations(graph, ctx);
      registerGraphGuestPolicies(graph, ctx);
      // What no route above serves is an unknown segment: Graph answers 400 in OData, not a 404 page.
      graph.route({
        method: ["GET", "POST", "PATCH", "PUT", "DELETE"],
        url: "/v1.0/*",
        handler: async (request) => {
          throw unknownSegment(served.firstUnknown(request.url));
        },
      });
    });
  },
};
