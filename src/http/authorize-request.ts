// Authorization of every authenticated request, after authentication: impersonation first (Impersonate-*
// headers, each identity checked with the impersonate verb), then RBAC on the request's attributes. A denial
// is kube's 403 Forbidden Status. Writes of RBAC objects refresh this isolate's RBAC cache.

import { crdGroup } from "../customresources/crd-types.ts";
import { kindCatalog } from "../customresources/kind-catalog.ts";
import type { MiddlewareHandler } from "hono";
import { authorizationFor } from "../auth/rbac/authorization.ts";
import { forbiddenStatus } from "../auth/rbac/forbidden.ts";
import { impersonate } from "../auth/rbac/impersonation.ts";
import { isRbacGroup, rbacCache } from "../auth/rbac/rbac-cache.ts";
import { requestAttributes } from "../auth/rbac/request-attributes.ts";
import type { AppEnv } from "./request-context.ts";
import { respondStatus } from "./respond.ts";

const mutating = new Set(["create", "update", "patch", "delete", "deletecollection"]);

export const authorizeRequest: MiddlewareHandler<AppEnv> = async (c, next) => {
  const requester = c.get("user");
  const url = new URL(c.req.url);
  const own = authorizationFor(c.env.DB, requester);
  const impersonation = await impersonate(c.req.raw.headers, requester, (attrs) => own.authorize(attrs));
  if (impersonation.kind === "malformed") {
    return new Response(`Internal Server Error: ${JSON.stringify(url.pathname + url.search)}: ${impersonation.message}\n`, {
      status: 500,
      headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" },
    });
  }
  if (impersonation.kind === "refused") return nosniff(respondStatus(impersonation.status));
  const user = impersonation.kind === "user" ? impersonation.user : requester;
  if (impersonation.kind === "user") c.set("user", user);

  const attrs = requestAttributes(c.req.method, url);
  const authz = impersonation.kind === "user" ? authorizationFor(c.env.DB, user) : own;
  const decision = await authz.authorize(attrs);
  c.set("authorization", decision);
  if (!decision.allowed) return nosniff(respondStatus(forbiddenStatus(user, attrs, decision.reason)));

  await next();
  if (attrs.resourceRequest && isRbacGroup(attrs.apiGroup) && mutating.has(attrs.verb) && c.res.status < 300) {
    rbacCache(c.env.DB).invalidate();
  }
  if (attrs.resourceRequest && attrs.apiGroup === crdGroup && mutating.has(attrs.verb) && c.res.status < 300) {
    kindCatalog(c.env.DB).invalidate();
  }
};

function nosniff(response: Response): Response {
  response.headers.set("X-Content-Type-Options", "nosniff");
  return response;
}
