// An audit event from what the request was and how it ended, as kube's audit filter fills one in: metadata
// from the request at every level, the request's object at Request and above, the answer's at
// RequestResponse, each redacted (redact.ts) and without managedFields when the policy says so.

import type { Decision } from "../auth/rbac/authorizer.ts";
import type { AccessAttributes } from "../auth/rbac/policy-rule.ts";
import type { Requester } from "../registry/contract.ts";
import { objectMetaOf, withoutManagedFields } from "./audit-body.ts";
import { auditUser, microTime, objectRef, sourceIPs, userAgent, type AuditEvent, type ResponseStatus } from "./event.ts";
import { levelAtLeast, type AuditDecision, type Stage } from "./policy.ts";
import { isSecretRequest, redactForAudit } from "./redact.ts";

export interface AuditedRequest {
  auditID: string;
  receivedMs: number;
  requestURI: string;
  headers: Headers;
  attrs: AccessAttributes;
  decision: AuditDecision;
  /** Who authenticated; undefined when authentication failed. */
  user?: Requester;
  /** Who the request acted as, when it impersonated someone. */
  impersonatedUser?: Requester;
  /** The authorizer's answer, when the request got that far. */
  authorization?: Decision;
}

export interface AuditOutcome {
  responseStatus: ResponseStatus;
  /** The request's body, decoded; used at Request and above (and for the objectRef's name on create). */
  requestObject?: unknown;
  /** The answer's body, decoded; used at RequestResponse. */
  responseObject?: unknown;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** What kube keeps of an answer: the code, and for a Status its status, message, reason and details. */
export function responseStatusOf(code: number, body: unknown): ResponseStatus {
  const status: ResponseStatus = { metadata: {}, code };
  if (!isObject(body) || body.kind !== "Status") return status;
  if (typeof body.status === "string" && body.status) status.status = body.status;
  if (typeof body.message === "string" && body.message) status.message = body.message;
  if (typeof body.reason === "string" && body.reason) status.reason = body.reason;
  if (isObject(body.details)) status.details = body.details;
  status.code = typeof body.code === "number" && body.code ? body.code : code;
  return status;
}

/** kube's message for a failed authentication: which credentials the request tried. */
export function authenticationFailure(headers: Headers, url: URL): ResponseStatus {
  const methods: string[] = [];
  const auth = (headers.get("authorization") ?? "").trim();
  if (/^basic\s+\S/i.test(auth)) methods.push("basic");
  const parts = auth.split(" ");
  if (parts.length > 1 && parts[0].toLowerCase() === "bearer") methods.push("bearer");
  if ((url.searchParams.get("access_token") ?? "").trim()) methods.push("access_token");
  const message = methods.length ? `Authentication failed, attempted: ${methods.join(", ")}` : "Authentication failed, no credentials provided";
  return { metadata: {}, message, code: 401 };
}

function logged(value: unknown, req: AuditedRequest): unknown {
  if (value === undefined) return undefined;
  const redacted = redactForAudit(value, isSecretRequest(req.attrs));
  return req.decision.omitManagedFields ? withoutManagedFields(redacted) : redacted;
}

/** The event for one stage. RequestReceived carries no outcome; the others do. */
export function composeEvent(req: AuditedRequest, stage: Stage, stageMs: number, outcome?: AuditOutcome): AuditEvent {
  const { level } = req.decision;
  const ref = objectRef(req.attrs, outcome?.requestObject !== undefined ? objectMetaOf(outcome.requestObject) : undefined);
  const authz = req.authorization;
  const annotations =
    authz && outcome
      ? { "authorization.k8s.io/decision": authz.allowed ? "allow" : "forbid", "authorization.k8s.io/reason": authz.reason }
      : undefined;
  const ips = sourceIPs(req.headers);
  return {
    kind: "Event",
    apiVersion: "audit.k8s.io/v1",
    level,
    auditID: req.auditID,
    stage,
    requestURI: req.requestURI,
    verb: req.attrs.verb,
    user: req.user ? auditUser(req.user) : {},
    impersonatedUser: req.impersonatedUser ? auditUser(req.impersonatedUser) : undefined,
    sourceIPs: ips.length ? ips : undefined,
    userAgent: userAgent(req.headers),
    objectRef: ref,
    responseStatus: outcome?.responseStatus,
    requestObject: outcome && levelAtLeast(level, "Request") ? logged(outcome.requestObject, req) : undefined,
    responseObject: outcome && levelAtLeast(level, "RequestResponse") ? logged(outcome.responseObject, req) : undefined,
    requestReceivedTimestamp: microTime(req.receivedMs),
    stageTimestamp: microTime(stage === "RequestReceived" ? req.receivedMs : stageMs),
    annotations,
  };
}
