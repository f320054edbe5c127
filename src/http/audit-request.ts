// The audit log's hook into the request path, in two parts as kube's filters are: `auditRequest` wraps
// everything (it sees requests that fail authentication, and every answer), `auditPolicyCheck` runs once the
// user is known and decides the level by the policy (and keeps a copy of the body if the level needs it).
// Every answer gets kube's Audit-Id header. The event is queued for the AuditLog Durable Object (src/audit/)
// and built when its batch is sent; bodies it needs are read after the answer is sent (waitUntil): a request
// waits for nothing of it.
//
// Stages, as kube emits them: ResponseComplete for every request; a failed authentication's ResponseStarted
// only; a thrown error's Panic; a watch's ResponseStarted when its stream starts and ResponseComplete when it
// ends (a relayed watch says when, src/http/stream-end.ts; a hub-held stream is read through to see it; a
// WebSocket watch is handed to its hub, so both are logged at the hand-off); RequestReceived when the policy
// does not omit it (the default policy does), logged with the others after the answer.

import type { Context, MiddlewareHandler } from "hono";
import { readAuditBody } from "../audit/audit-body.ts";
import { auditPolicy } from "../audit/audit-config.ts";
import { recordAuditEvents } from "../audit/audit-sink.ts";
import { authenticationFailure, composeEvent, responseStatusOf, type AuditedRequest, type AuditOutcome } from "../audit/compose-event.ts";
import { auditRow, eventJson, type AuditRow, type ResponseStatus } from "../audit/event.ts";
import { evaluatePolicy, levelAtLeast, type Stage } from "../audit/policy.ts";
import { requestAttributes } from "../auth/rbac/request-attributes.ts";
import type { Requester } from "../registry/contract.ts";
import type { AppEnv } from "./request-context.ts";
import { streamEnd } from "./stream-end.ts";

/** What the audit middlewares know of a request while it runs. */
export interface AuditState {
  auditID: string;
  receivedMs: number;
  /** Set by auditPolicyCheck: the request as the policy saw it. Absent when authentication failed. */
  request?: AuditedRequest;
  /** A copy of the request's body, kept when the level needs it. */
  body?: Request;
  /** A create at level Metadata needs only its object's name: the write handler hands over the body it read. */
  wantsObject?: boolean;
  requestObject?: unknown;
}

/** The body a write handler read, for the audit event that wants it (noted instead of reading the body twice). */
export function noteRequestObject(c: Context<AppEnv>, obj: unknown): void {
  const state = c.get("audit");
  if (state?.wantsObject) state.requestObject = obj;
}

const auditIdShape = /^[\x21-\x7e]{1,128}$/;

function auditedRequest(c: Context<AppEnv>, state: AuditState, user: Requester | undefined): AuditedRequest {
  const url = new URL(c.req.url);
  const attrs = requestAttributes(c.req.method, url);
  const decision = evaluatePolicy(auditPolicy(c.env), user, attrs);
  return { auditID: state.auditID, receivedMs: state.receivedMs, requestURI: url.pathname + url.search, headers: c.req.raw.headers, attrs, decision, user };
}

/** Runs after authentication (a request without credentials, where allowed, is system:anonymous). */
export const auditPolicyCheck: MiddlewareHandler<AppEnv> = async (c, next) => {
  const state = c.get("audit");
  if (state) {
    const request = (state.request = auditedRequest(c, state, c.get("user")));
    const { level } = request.decision;
    // At Metadata, a create's body still names its object (kube's objectRef.name): the handler notes it.
    if (levelAtLeast(level, "Request")) {
      if (c.req.raw.body) state.body = c.req.raw.clone();
    } else if (level === "Metadata" && request.attrs.verb === "create" && !request.attrs.name) state.wantsObject = true;
  }
  return next();
};

export const auditRequest: MiddlewareHandler<AppEnv> = async (c, next) => {
  const requested = c.req.header("audit-id");
  const state: AuditState = { auditID: requested && auditIdShape.test(requested) ? requested : crypto.randomUUID(), receivedMs: Date.now() };
  c.set("audit", state);
  await next();
  try {
    c.res.headers.set("Audit-Id", state.auditID);
  } catch {
    // an answer with immutable headers (a WebSocket handed over by a Durable Object)
  }
  finish(c, state);
};

function waitUntilOf(c: Context<AppEnv>): (promise: Promise<unknown>) => void {
  try {
    const ctx = c.executionCtx;
    return (promise) => ctx.waitUntil(promise);
  } catch {
    return (promise) => void promise.catch(() => undefined);
  }
}

function finish(c: Context<AppEnv>, state: AuditState): void {
  const res = c.res;
  let request = state.request;
  let stages: Stage[];
  let fixedStatus: ResponseStatus | undefined;
  if (!request) {
    // Authentication failed (or failed to run): the policy is asked about a request without a user.
    try {
      request = auditedRequest(c, state, undefined);
    } catch {
      return; // no valid policy: the request itself has failed with it
    }
    if (res.status === 401) {
      stages = ["ResponseStarted"];
      fixedStatus = authenticationFailure(c.req.raw.headers, new URL(c.req.url));
    } else stages = ["ResponseComplete"];
  } else if (c.error) {
    stages = ["Panic"];
    fixedStatus = { metadata: {}, status: "Failure", message: `APIServer panic'd: ${c.error.message}`, reason: "InternalError", code: 500 };
  } else if (request.attrs.verb === "watch" && (res.status === 101 || res.status === 200)) {
    stages = ["ResponseStarted", "ResponseComplete"];
  } else stages = ["ResponseComplete"];
  if (request.decision.level === "None") return;
  const user = c.get("user");
  if (request.user && user && user !== request.user) request.impersonatedUser = user;
  request.authorization = c.get("authorization");
  const omit = request.decision.omitStages;
  const logged = (stage: Stage) => !omit.includes(stage);
  const waitUntil = waitUntilOf(c);
  const stageMs = Date.now();
  const record = (build: () => AuditRow[]) => recordAuditEvents(c.env, waitUntil, build);

  // A chunked watch: ResponseComplete when its stream ends (as its maker says, else as a reader of ours sees).
  if (stages[1] === "ResponseComplete" && res.status === 200 && res.body && logged("ResponseComplete")) {
    stages = ["ResponseStarted"];
    const done = request;
    let ended = streamEnd(res);
    if (!ended) {
      const wrapped = untilEnd(res.body);
      c.res = new Response(wrapped.stream, res);
      ended = wrapped.ended;
    }
    // Held by waitUntil from now on, so the request is still there to send the event when the stream ends.
    waitUntil(
      ended.then(() => {
        const endMs = Date.now();
        record(() => rows(done, ["ResponseComplete"], endMs, { responseStatus: { metadata: {}, code: 200 } }));
      }),
    );
  }
  const watching = request.attrs.verb === "watch" && res.status < 400;
  const needsResponse = !fixedStatus && !watching && (res.status >= 400 || levelAtLeast(request.decision.level, "RequestResponse"));
  const responseCopy = needsResponse ? res.clone() : undefined;
  const received = logged("RequestReceived") && state.request !== undefined;
  const wanted: Stage[] = [...(received ? (["RequestReceived"] as const) : []), ...stages.filter(logged)];
  if (wanted.length === 0) {
    void state.body?.body?.cancel();
    return;
  }
  const final = request;
  const outcome: AuditOutcome = { responseStatus: fixedStatus ?? { metadata: {}, code: res.status }, requestObject: state.requestObject };
  if (!state.body && !responseCopy) {
    record(() => rows(final, wanted, stageMs, outcome));
    return;
  }
  // Bodies are read once the answer is on its way.
  waitUntil(
    (async () => {
      if (state.body) outcome.requestObject = await readAuditBody(state.body);
      if (responseCopy) {
        outcome.responseObject = await readAuditBody(responseCopy);
        if (!fixedStatus) outcome.responseStatus = responseStatusOf(res.status, outcome.responseObject);
      }
      record(() => rows(final, wanted, stageMs, outcome));
    })().catch((error: unknown) => console.error("audit: reading bodies for an event failed", error)),
  );
}

function rows(request: AuditedRequest, stages: readonly Stage[], stageMs: number, outcome: AuditOutcome): AuditRow[] {
  const out: AuditRow[] = [];
  for (const stage of stages) {
    const event = composeEvent(request, stage, stageMs, stage === "RequestReceived" ? undefined : outcome);
    const json = eventJson(event);
    if (json === undefined) console.error(`audit: event ${request.auditID} (${stage}) is too large to log`);
    else out.push(auditRow(event, json, request.receivedMs, stage === "RequestReceived" ? request.receivedMs : stageMs));
  }
  return out;
}

/**
 * The same stream, and when it ends (finished, failed, or the client went away: its cancel reaches the source
 * at once). Nothing is pulled ahead, so a client's backlog stays in the source, which measures it. It costs a
 * read and an enqueue per chunk (a native pipe would not, but workerd's pipeTo does not cancel a JavaScript
 * source when the client goes away).
 */
function untilEnd(body: ReadableStream<Uint8Array>): { stream: ReadableStream<Uint8Array>; ended: Promise<void> } {
  const reader = body.getReader();
  let end!: () => void;
  const ended = new Promise<void>((done) => (end = done));
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            controller.close();
            end();
          } else controller.enqueue(value);
        } catch (error) {
          controller.error(error);
          end();
        }
      },
      cancel(reason) {
        end();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, ended };
}
