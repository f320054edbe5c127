// The HTTP app: audit, authentication, authorization (impersonation, RBAC), then discovery, health and version,
// then every resource path.

import { Hono } from "hono";
import { internalError, notFoundPath, unauthorized } from "../api/errors.ts";
import { authenticate } from "../auth/authenticate.ts";
import { ensureBootstrapped } from "../controllers/bootstrap.ts";
import { auditPolicyCheck, auditRequest } from "./audit-request.ts";
import { authorizeRequest } from "./authorize-request.ts";
import { discoveryRoutes } from "./discovery-routes.ts";
import { openAPIRoutes } from "./openapi-routes.ts";
import { serviceAccountIssuerRoutes } from "./service-account-issuer-routes.ts";
import type { AppEnv } from "./request-context.ts";
import { handleResource } from "./resource-handler.ts";
import { respondStatus } from "./respond.ts";

export const app = new Hono<AppEnv>();

app.use("*", auditRequest);
app.use("*", async (c, next) => {
  const user = await authenticate(c.req.raw, c.env);
  if (!user) return respondStatus(unauthorized());
  c.set("user", user);
  await ensureBootstrapped(c.env);
  return next();
});
app.use("*", auditPolicyCheck);
app.use("*", authorizeRequest);

app.route("/", discoveryRoutes);
app.route("/", openAPIRoutes);
app.route("/", serviceAccountIssuerRoutes);
app.all("/api/*", handleResource);
app.all("/apis/*", handleResource);
app.notFound(() => respondStatus(notFoundPath()));
app.onError((error) => {
  console.error(error);
  return respondStatus(internalError(error instanceof Error ? error.message : String(error)));
});
