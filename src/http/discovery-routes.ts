// The routes kube serves outside any resource: discovery (/api, /apis and below, legacy and aggregated),
// /version and the health endpoints. Mounted by the app with `app.route("/", discoveryRoutes)`.

import { Hono, type Context } from "hono";
import { notFoundPath } from "../api/errors.ts";
import { failure } from "../api/status.ts";
import type { Env } from "../env.ts";
import type { KindDefinition } from "../resources/definition.ts";
import { kindCatalog } from "../customresources/kind-catalog.ts";
import { aggregatedContentType, discoveryMediaTypes, negotiateDiscovery, type DiscoveryFormat } from "./discovery/accept.ts";
import { aggregatedDiscovery, type DiscoveryRoot } from "./discovery/aggregated.ts";
import { discoveryETag, matchesIfNoneMatch } from "./discovery/etag.ts";
import { apiGroup, apiGroupList, apiResourceList, apiVersions } from "./discovery/legacy.ts";
import { healthChecks, healthEndpoints, healthReport, runChecks, singleCheck, type HealthEndpoint, type HealthResponse } from "./health.ts";
import { encodeBody, respondStatus, type Encoding } from "./respond.ts";
import { versionBody, versionInfo } from "./version.ts";

type Ctx = Context<{ Bindings: Env }>;

interface PreparedDocument {
  json: string;
  etag: string;
}

/** The kinds served when a request comes: a fixed list, or the kind catalog's current one. */
type KindSource = (c: Ctx) => readonly KindDefinition[] | Promise<readonly KindDefinition[]>;

/** The routes for the kinds a source gives; `discoveryRoutes` is the one for the kind catalog. */
export function discoveryRoutesFor(source: readonly KindDefinition[] | KindSource): Hono<{ Bindings: Env }> {
  const routes = new Hono<{ Bindings: Env }>();
  const kindsOf: KindSource = typeof source === "function" ? source : () => source;

  // The aggregated documents depend only on the kinds, so each is built and hashed once per list of kinds.
  const prepared = new WeakMap<readonly KindDefinition[], Map<DiscoveryRoot, Promise<PreparedDocument>>>();
  const aggregated = (kinds: readonly KindDefinition[], root: DiscoveryRoot) => {
    let docs = prepared.get(kinds);
    if (!docs) prepared.set(kinds, (docs = new Map()));
    let doc = docs.get(root);
    if (!doc) {
      const json = JSON.stringify(aggregatedDiscovery(kinds, root));
      doc = discoveryETag(json).then((etag) => ({ json, etag }));
      docs.set(root, doc);
    }
    return doc;
  };

  const serveRoot = async (c: Ctx, root: DiscoveryRoot, legacy: (kinds: readonly KindDefinition[]) => object) => {
    const chosen = negotiateDiscovery(c.req.header("accept"), true);
    if (!chosen) return notAcceptable();
    const kinds = await kindsOf(c);
    if (!chosen.aggregated) return document(c, legacy(kinds), chosen.format);
    // The tag is kube's: a hash of the compact JSON, whatever encoding the answer takes.
    const { json, etag } = await aggregated(kinds, root);
    c.header("ETag", etag);
    c.header("Vary", "Accept");
    c.header("Cache-Control", "public");
    if (matchesIfNoneMatch(c.req.header("if-none-match"), etag)) return c.body(null, 304);
    const body = chosen.format === "json" && !isPretty(c) ? json : encodeBody(JSON.parse(json), encoding(c, chosen.format)).body;
    return c.body(body, 200, { "Content-Type": aggregatedContentType(chosen.format) });
  };

  const servePlain = async (c: Ctx, build: (kinds: readonly KindDefinition[]) => object | undefined | Promise<object | undefined>) => {
    const chosen = negotiateDiscovery(c.req.header("accept"), false);
    if (!chosen) return notAcceptable();
    const doc = await build(await kindsOf(c));
    return doc ? document(c, doc, chosen.format) : respondStatus(notFoundPath());
  };

  for (const slash of ["", "/"]) {
    routes.get(`/api${slash}`, (c) => serveRoot(c, "core", () => apiVersions(new URL(c.req.url).host)));
    routes.get(`/apis${slash}`, (c) => serveRoot(c, "groups", (kinds) => apiGroupList(kinds)));
    routes.get(`/api/:version${slash}`, (c) => servePlain(c, (kinds) => apiResourceList(kinds, "", c.req.param("version"))));
    routes.get(`/apis/:group${slash}`, (c) => servePlain(c, (kinds) => apiGroup(kinds, c.req.param("group"))));
    routes.get(`/apis/:group/:version${slash}`, (c) => servePlain(c, (kinds) => apiResourceList(kinds, c.req.param("group"), c.req.param("version"))));
    routes.get(`/version${slash}`, (c) => c.body(versionBody(versionInfo()), 200, { "Content-Type": "application/json" }));
  }

  for (const endpoint of healthEndpoints) {
    routes.get(`/${endpoint}`, (c) => serveHealth(c, endpoint));
    for (const check of healthChecks) {
      routes.get(`/${endpoint}/${check.name}`, async (c) => plainText(c, await singleCheck(check, c.env)));
    }
  }

  return routes;
}

export const discoveryRoutes = discoveryRoutesFor(async (c) => (await kindCatalog(c.env.DB).current()).kinds);

async function serveHealth(c: Ctx, endpoint: HealthEndpoint): Promise<Response> {
  const query = new URL(c.req.url).searchParams;
  const excluded = new Set(query.getAll("exclude"));
  const known = new Set(healthChecks.map((check) => check.name));
  const unknownExcludes = [...excluded].filter((name) => !known.has(name)).sort();
  const outcomes = await runChecks(healthChecks, c.env, excluded);
  const failed = outcomes.filter((o) => !o.excluded && o.error !== undefined);
  if (failed.length > 0) console.warn(`${endpoint} check failed: ${failed.map((o) => `${o.name}: ${"error" in o ? o.error : ""}`).join("; ")}`);
  return plainText(c, healthReport(endpoint, outcomes, query.has("verbose"), unknownExcludes));
}

function plainText(c: Ctx, res: HealthResponse): Response {
  return c.body(res.body, res.status, { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" });
}

function document(c: Ctx, doc: object, format: DiscoveryFormat): Response {
  const { body, contentType } = encodeBody(doc, encoding(c, format));
  return c.body(body, 200, { "Content-Type": contentType });
}

function encoding(c: Ctx, format: DiscoveryFormat): Encoding {
  return { format: { type: format }, pretty: isPretty(c) };
}

/** `?pretty=true` indents JSON, as on every other path. */
function isPretty(c: Ctx): boolean {
  return ["true", "1"].includes(c.req.query("pretty") ?? "");
}

function notAcceptable(): Response {
  return respondStatus(failure(406, "NotAcceptable", `only the following media types are accepted: ${discoveryMediaTypes.join(", ")}`));
}
