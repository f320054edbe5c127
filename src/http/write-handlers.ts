// create, update, patch, delete and deletecollection: read the body, then run the write in the namespace's
// Durable Object, which answers with a value (never a thrown error).

import { badRequest, unsupportedMediaType } from "../api/errors.ts";
import { isPlainObject, type KubeObject } from "../api/object.ts";
import { decodeObject, deleteOptionsType, kindType, scaleType, type ExpectedType } from "../api/protobuf/kube-object.ts";
import { isStatus, type Status } from "../api/status.ts";
import type { DeleteOptions, FieldValidation, WriteRequest, WriteResult } from "../registry/contract.ts";
import { apiVersionOf } from "../resources/definition.ts";
import { admitWrite } from "../auth/admission.ts";
import { noteRequestObject } from "./audit-request.ts";
import { shardFor } from "../storage/shards.ts";
import { asObject, readBody } from "./read-body.ts";
import type { ResourceContext } from "./request-context.ts";
import { respond, respondStatus } from "./respond.ts";
import { servedObject } from "../registry/served-version.ts";
import { warningHeaders } from "./warning-headers.ts";
import { bodyFormat, type BodyFormat } from "./media-types.ts";
import { fieldValidationFor, managerFromUserAgent, writeOptions, type WriteOptions } from "./write-options.ts";

async function runWrite(ctx: ResourceContext, req: WriteRequest): Promise<Response> {
  const refused = await admitWrite(ctx.c.env, req);
  if (refused) return respondStatus(refused, ctx.encoding);
  const result: WriteResult = await shardFor(ctx.c.env, req.namespace).write(req);
  const response = answer(ctx, result);
  for (const warning of warningHeaders(result.warnings ?? [])) response.headers.append("Warning", warning);
  return response;
}

function answer(ctx: ResourceContext, result: WriteResult): Response {
  if (!result.ok) return respondStatus(result.status, ctx.encoding);
  const { def } = ctx;
  if ("items" in result) {
    return respond({ kind: `${def.kind}List`, apiVersion: apiVersionOf(def), metadata: {}, items: result.items.map((obj) => servedObject(def, obj)) }, 200, ctx.encoding);
  }
  return respond(servedObject(def, result.object), result.code, ctx.encoding);
}

function base(ctx: ResourceContext): { kind: WriteRequest["kind"]; namespace: string; user: WriteRequest["user"] } {
  const { def } = ctx;
  return { kind: { group: def.group, version: def.version, plural: def.plural, revision: ctx.catalogRevision }, namespace: ctx.namespace ?? "", user: ctx.c.get("user") };
}

/** The manager a write is recorded for: the query's fieldManager, else the User-Agent's first segment, as kube does. */
function managerOf(ctx: ResourceContext, options: WriteOptions): string {
  return options.fieldManager || managerFromUserAgent(ctx.c.req.header("user-agent") ?? "");
}

export interface ObjectBody {
  body: KubeObject;
  fieldValidation?: FieldValidation;
}

/** The body as an object of the type the URL expects; protobuf is read with that type's schema. */
export async function objectBody(ctx: ResourceContext, type: ExpectedType, options: WriteOptions): Promise<ObjectBody | Status> {
  const body = await readBody(ctx.c.req.raw, ctx.def.unstructured ? ["json", "yaml"] : ["json", "yaml", "protobuf"]);
  if (!body.ok) return body.status;
  const checked = (object: KubeObject | Status) => {
    if (isStatus(object)) return object;
    noteRequestObject(ctx.c, object);
    return { body: object, fieldValidation: fieldValidationFor(options, body) };
  };
  if (body.format !== "protobuf") return checked(asObject(body.value, type.kind));
  const decoded = decodeObject(body.value as Uint8Array, type);
  return decoded.ok ? checked(asObject(decoded.object, type.kind)) : decoded.status;
}

export async function handleCreate(ctx: ResourceContext): Promise<Response> {
  const options = writeOptions(ctx.query, "CreateOptions");
  if (isStatus(options)) return respondStatus(options, ctx.encoding);
  const read = await objectBody(ctx, kindType(ctx.def), options);
  if (isStatus(read)) return respondStatus(read, ctx.encoding);
  return runWrite(ctx, { ...base(ctx), op: "create", dryRun: options.dryRun, ...read, fieldManager: managerOf(ctx, options) });
}

function subresourceOf(ctx: ResourceContext): "status" | "scale" | undefined {
  const sub = ctx.path.subresource;
  return sub === "status" || sub === "scale" ? sub : undefined;
}

export async function handleUpdate(ctx: ResourceContext): Promise<Response> {
  const options = writeOptions(ctx.query, "UpdateOptions");
  if (isStatus(options)) return respondStatus(options, ctx.encoding);
  const subresource = subresourceOf(ctx);
  const read = await objectBody(ctx, subresource === "scale" ? scaleType : kindType(ctx.def), options);
  if (isStatus(read)) return respondStatus(read, ctx.encoding);
  return runWrite(ctx, { ...base(ctx), op: "update", name: ctx.path.name!, dryRun: options.dryRun, ...read, subresource, fieldManager: managerOf(ctx, options) });
}

export async function handlePatch(ctx: ResourceContext): Promise<Response> {
  const contentType = ctx.c.req.header("content-type") ?? "";
  const apply = bodyFormat(contentType) === "apply-patch";
  const options = writeOptions(ctx.query, "PatchOptions", apply);
  if (isStatus(options)) return respondStatus(options, ctx.encoding);
  const patchFormats = ctx.def.unstructured ? unstructuredPatchFormats : structuredPatchFormats;
  const body = await readBody(ctx.c.req.raw, patchFormats);
  if (!body.ok) {
    const status = body.status.code === 415 ? unsupportedPatch(contentType, patchFormats) : body.status;
    if (apply && status.code === 400) status.message = `error decoding YAML: ${status.message}`;
    return respondStatus(status, ctx.encoding);
  }
  if (apply) {
    if (!isPlainObject(body.value)) return respondStatus(badRequest(`error decoding YAML: json: cannot unmarshal ${Array.isArray(body.value) ? "array" : typeof body.value} into Go value of type map[string]interface {}`), ctx.encoding);
    const request = { ...base(ctx), op: "patch", name: ctx.path.name!, dryRun: options.dryRun, patchType: "apply", patch: body.value, force: options.force } as const;
    return runWrite(ctx, { ...request, subresource: subresourceOf(ctx), fieldManager: options.fieldManager });
  }
  const patchType = body.format === "json-patch" ? "json" : body.format === "strategic-merge-patch" ? "strategic" : "merge";
  const fieldValidation = fieldValidationFor(options, body);
  return runWrite(ctx, { ...base(ctx), op: "patch", name: ctx.path.name!, dryRun: options.dryRun, patchType, patch: body.value, subresource: subresourceOf(ctx), fieldValidation, fieldManager: managerOf(ctx, options) });
}

const structuredPatchFormats: BodyFormat[] = ["json-patch", "merge-patch", "strategic-merge-patch", "apply-patch"];
/** Custom resources take no strategic merge patch: it needs Go structs' merge rules. */
const unstructuredPatchFormats: BodyFormat[] = ["json-patch", "merge-patch", "apply-patch"];
const patchMediaTypes: Record<string, string> = {
  "json-patch": "application/json-patch+json",
  "merge-patch": "application/merge-patch+json",
  "strategic-merge-patch": "application/strategic-merge-patch+json",
  "apply-patch": "application/apply-patch+yaml",
};

function unsupportedPatch(contentType: string, accepted: readonly BodyFormat[]): Status {
  const status = unsupportedMediaType(contentType);
  status.message = `the body of the request was in an unknown format - accepted media types include: ${accepted.map((f) => patchMediaTypes[f]).join(", ")} (got: ${contentType})`;
  return status;
}

/** DeleteOptions from the body (if any) and the query, as kube merges them. */
async function deleteOptions(ctx: ResourceContext): Promise<{ options: DeleteOptions; dryRun: boolean } | Status> {
  const write = writeOptions(ctx.query);
  if (isStatus(write)) return write;
  let dryRun = write.dryRun;
  const options: DeleteOptions = {};
  const raw = ctx.c.req.raw;
  const hasBody = raw.body !== null && (raw.headers.get("content-length") ?? "") !== "0";
  if (hasBody) {
    const text = await raw.clone().text();
    if (text.trim() !== "") {
      const body = await readBody(raw, ["json", "yaml", "protobuf"]);
      if (!body.ok) return body.status;
      let value = body.value;
      if (body.format === "protobuf") {
        const decoded = decodeObject(body.value as Uint8Array, deleteOptionsType);
        if (!decoded.ok) return decoded.status;
        value = decoded.object;
      }
      if (!isPlainObject(value)) return badRequest("DeleteOptions must be a JSON object");
      const v = value;
      if (v.gracePeriodSeconds !== undefined && v.gracePeriodSeconds !== null) {
        if (typeof v.gracePeriodSeconds !== "number" || !Number.isInteger(v.gracePeriodSeconds)) return badRequest("gracePeriodSeconds must be an integer");
        options.gracePeriodSeconds = v.gracePeriodSeconds;
      }
      if (typeof v.propagationPolicy === "string") options.propagationPolicy = v.propagationPolicy as DeleteOptions["propagationPolicy"];
      if (isPlainObject(v.preconditions)) {
        const p = v.preconditions;
        options.preconditions = {
          uid: typeof p.uid === "string" ? p.uid : undefined,
          resourceVersion: typeof p.resourceVersion === "string" ? p.resourceVersion : undefined,
        };
      }
      if (Array.isArray(v.dryRun)) {
        if (v.dryRun.some((d) => d !== "All")) return badRequest(`Invalid dryRun value: ${JSON.stringify(v.dryRun)}`);
        dryRun ||= v.dryRun.length > 0;
      }
    }
  }
  const grace = ctx.query.get("gracePeriodSeconds");
  if (grace !== null) {
    if (!/^-?\d+$/.test(grace)) return badRequest(`invalid gracePeriodSeconds ${JSON.stringify(grace)}`);
    options.gracePeriodSeconds = Number(grace);
  }
  const policy = ctx.query.get("propagationPolicy");
  if (policy !== null) options.propagationPolicy = policy as DeleteOptions["propagationPolicy"];
  if (options.propagationPolicy !== undefined && !["Orphan", "Background", "Foreground"].includes(options.propagationPolicy)) {
    return badRequest(`propagationPolicy: Unsupported value: "${options.propagationPolicy}": supported values: "Foreground", "Background", "Orphan"`);
  }
  return { options, dryRun };
}

export async function handleDelete(ctx: ResourceContext): Promise<Response> {
  const parsed = await deleteOptions(ctx);
  if (isStatus(parsed)) return respondStatus(parsed, ctx.encoding);
  return runWrite(ctx, { ...base(ctx), op: "delete", name: ctx.path.name!, dryRun: parsed.dryRun, options: parsed.options });
}

export async function handleDeleteCollection(ctx: ResourceContext): Promise<Response> {
  const parsed = await deleteOptions(ctx);
  if (isStatus(parsed)) return respondStatus(parsed, ctx.encoding);
  return runWrite(ctx, {
    ...base(ctx),
    op: "deletecollection",
    dryRun: parsed.dryRun,
    options: parsed.options,
    labelSelector: ctx.query.get("labelSelector") ?? undefined,
    fieldSelector: ctx.query.get("fieldSelector") ?? undefined,
  });
}
