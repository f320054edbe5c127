// One entry for every resource path: resolves the kind and scope, then hands the verb to its handler.

import type { Context } from "hono";
import { methodNotAllowed, notAcceptable, notFoundPath } from "../api/errors.ts";
import { isStatus } from "../api/status.ts";
import { kindCatalog } from "../customresources/kind-catalog.ts";
import { findKind } from "../resources/catalog.ts";
import { verbsOf, type SubresourceAction, type Verb } from "../resources/definition.ts";
import { warningHeaders } from "./warning-headers.ts";
import { handleAction, handleAnswerCreate } from "./answer-handlers.ts";
import { handleGet, handleList } from "./read-handlers.ts";
import { handleWatch } from "./watch-handler.ts";
import { responseFormat } from "./media-types.ts";
import { parseResourcePath } from "./request-info.ts";
import type { AppEnv, ResourceContext } from "./request-context.ts";
import { respondStatus } from "./respond.ts";
import { handleCreate, handleDelete, handleDeleteCollection, handlePatch, handleUpdate } from "./write-handlers.ts";

function verbFor(method: string, hasName: boolean, watch: boolean): Verb | undefined {
  switch (method) {
    case "GET":
    case "HEAD":
      return hasName ? "get" : watch ? "watch" : "list";
    case "POST":
      return hasName ? undefined : "create";
    case "PUT":
      return hasName ? "update" : undefined;
    case "PATCH":
      return hasName ? "patch" : undefined;
    case "DELETE":
      return hasName ? "delete" : "deletecollection";
    default:
      return undefined;
  }
}

export async function handleResource(c: Context<AppEnv>): Promise<Response> {
  const url = new URL(c.req.url);
  const path = parseResourcePath(url.pathname);
  if (path === undefined) return respondStatus(notFoundPath());
  if (isStatus(path)) return respondStatus(path);
  let def = findKind(path.group, path.version, path.resource);
  let catalogRevision: string | undefined;
  if (!def) {
    const catalog = await kindCatalog(c.env.DB).current();
    def = catalog.find(path.group, path.version, path.resource);
    catalogRevision = catalog.revision;
  }
  if (!def) return respondStatus(notFoundPath());
  if (!def.namespaced && path.namespace !== undefined) return respondStatus(notFoundPath());
  const action = path.subresource !== undefined ? def.actions?.[path.subresource] : undefined;
  if (path.subresource !== undefined) {
    const served = (path.subresource === "status" && def.status) || (path.subresource === "scale" && def.scale) || action;
    if (!served || path.name === undefined) return respondStatus(notFoundPath());
  }

  const query = url.searchParams;
  const watch = path.legacyWatch || ["true", "1", "True"].includes(query.get("watch") ?? "");
  // An action (serviceaccounts/token) is created by POST on the named object.
  const verb = action ? (c.req.method === "POST" ? "create" : undefined) : verbFor(c.req.method, path.name !== undefined, watch);
  if (!verb || !verbsOf(def).includes(verb)) return respondStatus(methodNotAllowed());
  if (def.namespaced && path.namespace === undefined && verb !== "list" && verb !== "watch") return respondStatus(methodNotAllowed());

  const allowTable = verb === "get" || verb === "list" || verb === "watch";
  const format = responseFormat(c.req.header("accept"), allowTable, !def.unstructured);
  if (!format) return respondStatus(notAcceptable(c.req.header("accept") ?? ""));
  const pretty = ["true", "1"].includes(query.get("pretty") ?? "");
  const ctx: ResourceContext = {
    c,
    def,
    catalogRevision,
    path,
    namespace: def.namespaced ? path.namespace : "",
    encoding: { format, pretty },
    query,
  };
  const response = await serve(ctx, verb, action);
  if (def.deprecationWarning) for (const warning of warningHeaders([def.deprecationWarning])) response.headers.append("Warning", warning);
  return response;
}

function serve(ctx: ResourceContext, verb: Verb, action: SubresourceAction | undefined): Promise<Response> {
  const { def } = ctx;
  switch (verb) {
    case "get":
      return handleGet(ctx);
    case "list":
      return handleList(ctx);
    case "watch":
      return handleWatch(ctx);
    case "create":
      if (action) return handleAction(ctx, action);
      return def.answerCreate ? handleAnswerCreate(ctx) : handleCreate(ctx);
    case "update":
      return handleUpdate(ctx);
    case "patch":
      return handlePatch(ctx);
    case "delete":
      return handleDelete(ctx);
    case "deletecollection":
      return handleDeleteCollection(ctx);
  }
}
