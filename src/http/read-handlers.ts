// get and list, served straight from D1 by the Worker.

import { notFound } from "../api/errors.ts";
import { isStatus } from "../api/status.ts";
import { apiVersionOf, storageKey } from "../resources/definition.ts";
import { scaleOf } from "../registry/scale.ts";
import { servedObject } from "../registry/served-version.ts";
import { ObjectReader } from "../storage/object-reader.ts";
import { listObjects } from "./list-objects.ts";
import type { ResourceContext } from "./request-context.ts";
import { respond, respondStatus } from "./respond.ts";
import { toTable, type IncludeObject } from "./table.ts";

function includeObject(query: URLSearchParams): IncludeObject {
  const value = query.get("includeObject");
  return value === "None" || value === "Object" ? value : "Metadata";
}

export async function handleGet(ctx: ResourceContext): Promise<Response> {
  const { def, path, encoding } = ctx;
  const reader = new ObjectReader(ctx.c.env.DB);
  const stored = await reader.get(storageKey(def), ctx.namespace ?? "", path.name!);
  const obj = stored && servedObject(def, stored);
  if (!obj) return respondStatus(notFound({ group: def.group, resource: def.plural }, path.name!), encoding);
  if (path.subresource === "scale") return respond(scaleOf(def, obj), 200, { ...encoding, format: encoding.format.type === "table" ? { type: "json" } : encoding.format });
  if (encoding.format.type === "table") {
    const table = toTable(def, [obj], { resourceVersion: obj.metadata.resourceVersion }, {
      version: encoding.format.version,
      includeObject: includeObject(ctx.query),
      now: new Date(),
    });
    return respond(table, 200, encoding);
  }
  return respond(obj, 200, encoding);
}

export async function handleList(ctx: ResourceContext): Promise<Response> {
  const { def, encoding, query } = ctx;
  // Plain JSON of objects served as stored: the items pass through as text (list-objects.ts).
  const asText = encoding.format.type === "json" && !encoding.pretty && !def.storageVersion;
  const result = await listObjects(new ObjectReader(ctx.c.env.DB), def, ctx.namespace, {
    labelSelector: query.get("labelSelector") ?? undefined,
    fieldSelector: query.get("fieldSelector") ?? undefined,
    limit: query.get("limit") ?? undefined,
    continue: query.get("continue") ?? undefined,
    resourceVersion: query.get("resourceVersion") ?? undefined,
    resourceVersionMatch: query.get("resourceVersionMatch") ?? undefined,
  }, { asText });
  if (isStatus(result)) return respondStatus(result, encoding);
  if (result.itemsText) {
    const head = JSON.stringify({ kind: `${def.kind}List`, apiVersion: apiVersionOf(def), metadata: result.meta });
    const body = `${head.slice(0, -1)},"items":[${result.itemsText.join(",")}]}`;
    return new Response(body, { status: 200, headers: { "Content-Type": "application/json" } });
  }
  if (def.storageVersion) result.items = result.items.map((obj) => servedObject(def, obj));
  if (encoding.format.type === "table") {
    const table = toTable(def, result.items, result.meta, { version: encoding.format.version, includeObject: includeObject(query), now: new Date() });
    return respond(table, 200, encoding);
  }
  return respond({ kind: `${def.kind}List`, apiVersion: apiVersionOf(def), metadata: result.meta, items: result.items }, 200, encoding);
}
