// Creates answered at once by the Worker, nothing stored: kinds with answerCreate (TokenReview,
// SelfSubjectReview) and subresource actions (serviceaccounts/token). The body is read and checked as for any
// create; then the definition answers, with what the API server offers it (src/auth/answer-services.ts).

import { invalid, notFound } from "../api/errors.ts";
import type { KubeObject } from "../api/object.ts";
import type { ExpectedType } from "../api/protobuf/kube-object.ts";
import { isStatus, type Status } from "../api/status.ts";
import { answerServices } from "../auth/answer-services.ts";
import { checkSchema, checkTypeMeta } from "../registry/schema-check.ts";
import { apiVersionOf, storageKey, type AnswerContext, type BodyType, type SubresourceAction } from "../resources/definition.ts";
import { ObjectReader } from "../storage/object-reader.ts";
import type { ResourceContext } from "./request-context.ts";
import { respond, respondStatus } from "./respond.ts";
import { objectBody } from "./write-handlers.ts";
import { writeOptions } from "./write-options.ts";

function expectedType(type: BodyType): ExpectedType {
  return { apiVersion: apiVersionOf(type), kind: type.kind, schema: type.schema };
}

/** The body as `type`, decoded and checked against its schema. */
async function checkedBody(ctx: ResourceContext, type: BodyType): Promise<KubeObject | Status> {
  const options = writeOptions(ctx.query, "CreateOptions");
  if (isStatus(options)) return options;
  const read = await objectBody(ctx, expectedType(type), options);
  if (isStatus(read)) return read;
  const typeError = checkTypeMeta(type, read.body);
  if (typeError) return typeError;
  const checked = checkSchema(type, read.body);
  if (!checked.ok) return "status" in checked ? checked.status : invalid(type.group, type.kind, read.body.metadata.name ?? "", checked.errors);
  return { ...checked.object, apiVersion: apiVersionOf(type), kind: type.kind };
}

function answerContext(ctx: ResourceContext): AnswerContext {
  const now = new Date();
  return { now, user: ctx.c.get("user"), namespace: ctx.namespace ?? "", services: answerServices(ctx.c.env, now) };
}

function answered(ctx: ResourceContext, type: BodyType, answer: KubeObject | Status): Response {
  if (isStatus(answer)) return respondStatus(answer, ctx.encoding);
  return respond({ ...answer, apiVersion: apiVersionOf(type), kind: type.kind }, 201, ctx.encoding);
}

/** POST to a kind that answers without storing. */
export async function handleAnswerCreate(ctx: ResourceContext): Promise<Response> {
  const { def } = ctx;
  const body = await checkedBody(ctx, def);
  if (isStatus(body)) return respondStatus(body, ctx.encoding);
  return answered(ctx, def, await def.answerCreate!(body, answerContext(ctx)));
}

/** POST to a subresource action of an existing object. */
export async function handleAction(ctx: ResourceContext, action: SubresourceAction): Promise<Response> {
  const { def, path } = ctx;
  const body = await checkedBody(ctx, action.type);
  if (isStatus(body)) return respondStatus(body, ctx.encoding);
  const parent = await new ObjectReader(ctx.c.env.DB).get(storageKey(def), ctx.namespace ?? "", path.name!);
  if (!parent) return respondStatus(notFound({ group: def.group, resource: def.plural }, path.name!), ctx.encoding);
  return answered(ctx, action.type, await action.create(parent, body, answerContext(ctx)));
}
