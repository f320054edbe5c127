// /openapi/v2 (JSON or gnostic protobuf) and /openapi/v3 (the index, and one document per group version),
// served as kube serves them: an ETag on each document, 304 for a matching If-None-Match, `Vary: Accept`,
// and for a v3 document asked for by its hash a year-long immutable cache (a stale hash is redirected to
// the current one). Mounted by the app with `app.route("/", openAPIRoutes)`.

import { Hono, type Context } from "hono";
import { notFoundPath } from "../api/errors.ts";
import { failure } from "../api/status.ts";
import type { Env } from "../env.ts";
import { kindCatalog } from "../customresources/kind-catalog.ts";
import type { KindDefinition } from "../resources/definition.ts";
import { matchesIfNoneMatch } from "./discovery/etag.ts";
import { negotiateOpenAPI, v2ProtobufType } from "./openapi/accept.ts";
import { openAPIDocuments, type PreparedDocument } from "./openapi/documents.ts";
import { respondStatus } from "./respond.ts";

type Ctx = Context<{ Bindings: Env }>;

/** What kube-apiserver puts on every answer that sets no caching of its own. */
const revalidate = "no-cache, private";

/** The kinds served when a request comes: a fixed list, or the kind catalog's current one. */
type KindSource = (c: Ctx) => readonly KindDefinition[] | Promise<readonly KindDefinition[]>;

export function openAPIRoutesFor(source: readonly KindDefinition[] | KindSource): Hono<{ Bindings: Env }> {
  const routes = new Hono<{ Bindings: Env }>();
  const kindsOf: KindSource = typeof source === "function" ? source : () => source;
  // Documents are built once per list of kinds (the catalog makes a new list when a CRD changes).
  const built = new WeakMap<readonly KindDefinition[], ReturnType<typeof openAPIDocuments>>();
  const documentsOf = async (c: Ctx) => {
    const kinds = await kindsOf(c);
    let documents = built.get(kinds);
    if (!documents) built.set(kinds, (documents = openAPIDocuments(kinds)));
    return documents;
  };

  routes.get("/openapi/v2", async (c) => {
    const format = negotiateOpenAPI(c.req.header("accept"), true);
    if (!format) return notAcceptable(["application/json", v2ProtobufType]);
    const documents = await documentsOf(c);
    const doc = format === "json" ? await documents.v2() : await documents.v2Protobuf();
    const body = typeof doc.body === "string" ? utf8Of(doc as PreparedDocument) : doc.body;
    const headers = { ETag: doc.etag, Vary: "Accept", "Cache-Control": revalidate };
    if (matchesIfNoneMatch(c.req.header("if-none-match"), doc.etag)) return c.body(null, 304, headers);
    return c.body(body, 200, { ...headers, "Content-Type": format === "json" ? "application/json" : v2ProtobufType });
  });

  routes.get("/openapi/v3", async (c) => {
    const doc = await (await documentsOf(c)).v3Index();
    const headers = { ETag: doc.etag, "Cache-Control": revalidate };
    if (matchesIfNoneMatch(c.req.header("if-none-match"), doc.etag)) return c.body(null, 304, headers);
    return c.body(doc.body, 200, { ...headers, "Content-Type": "application/json" });
  });

  routes.get("/openapi/v3/*", async (c) => serveGroupVersion(c, await (await documentsOf(c)).v3(groupVersionOf(c))));

  return routes;
}

export const openAPIRoutes = openAPIRoutesFor(async (c) => (await kindCatalog(c.env.DB).current()).kinds);

/** A document's UTF-8 bytes, encoded once per isolate: the v2 JSON is megabytes, sent before every kubectl apply. */
const encoded = new WeakMap<PreparedDocument, Uint8Array<ArrayBuffer>>();
function utf8Of(doc: PreparedDocument): Uint8Array<ArrayBuffer> {
  let bytes = encoded.get(doc);
  if (!bytes) encoded.set(doc, (bytes = new TextEncoder().encode(doc.body) as Uint8Array<ArrayBuffer>));
  return bytes;
}

/** "api/v1" or "apis/apps/v1" from /openapi/v3/api/v1 (a trailing slash allowed). */
function groupVersionOf(c: Ctx): string {
  return new URL(c.req.url).pathname.slice("/openapi/v3/".length).replace(/\/+$/, "");
}

function serveGroupVersion(c: Ctx, doc: { body: string; etag: string } | undefined): Response {
  if (!doc) return respondStatus(notFoundPath());
  if (!negotiateOpenAPI(c.req.header("accept"), false)) return notAcceptable(["application/json"]);
  const hash = doc.etag.slice(1, -1);
  const asked = c.req.query("hash");
  if (asked !== undefined && asked !== hash) {
    return c.body(null, 301, { Location: `/openapi/v3/${groupVersionOf(c)}?hash=${hash}`, Vary: "Accept" });
  }
  const headers: Record<string, string> = { ETag: doc.etag, Vary: "Accept" };
  if (asked !== undefined) {
    // The URL names the content: it never changes, so caches may keep it.
    headers["Cache-Control"] = "public, immutable";
    headers.Expires = new Date(Date.now() + 365 * 24 * 3600 * 1000).toUTCString();
  } else {
    headers["Cache-Control"] = revalidate;
  }
  if (matchesIfNoneMatch(c.req.header("if-none-match"), doc.etag)) return c.body(null, 304, headers);
  return c.body(doc.body, 200, { ...headers, "Content-Type": "application/json" });
}

function notAcceptable(types: string[]): Response {
  return respondStatus(failure(406, "NotAcceptable", `only the following media types are accepted: ${types.join(", ")}`));
}
