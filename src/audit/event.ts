// audit.k8s.io/v1 Event: its JSON shape (the fields kube writes, in kube's order), the parts taken from a
// request, and the row the audit log stores for it.

import type { AccessAttributes } from "../auth/rbac/policy-rule.ts";
import type { Requester } from "../registry/contract.ts";
import type { Level, Stage } from "./policy.ts";

export interface AuditUser {
  username?: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

export interface ObjectReference {
  resource?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiGroup?: string;
  apiVersion?: string;
  resourceVersion?: string;
  subresource?: string;
}

/** What kube keeps of the answer's Status: its code, and for a Status answer its status, message, reason, details. */
export interface ResponseStatus {
  metadata: Record<string, never>;
  status?: string;
  message?: string;
  reason?: string;
  details?: unknown;
  code: number;
}

export interface AuditEvent {
  kind: "Event";
  apiVersion: "audit.k8s.io/v1";
  level: Level;
  auditID: string;
  stage: Stage;
  requestURI: string;
  verb: string;
  user: AuditUser;
  impersonatedUser?: AuditUser;
  sourceIPs?: string[];
  userAgent?: string;
  objectRef?: ObjectReference;
  responseStatus?: ResponseStatus;
  requestObject?: unknown;
  responseObject?: unknown;
  requestReceivedTimestamp: string;
  stageTimestamp: string;
  annotations?: Record<string, string>;
}

/** One stored event: the columns queries filter on, and the event's JSON. */
export interface AuditRow {
  /** stageTimestamp, ms since the epoch. */
  ts: number;
  auditId: string;
  stage: Stage;
  level: Level;
  user: string;
  impersonatedUser: string;
  verb: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  code: number;
  latencyMs: number;
  event: string;
}

/** metav1.MicroTime: RFC 3339 with six fractional digits. */
export function microTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000Z`;
}

export function auditUser(user: Requester): AuditUser {
  const out: AuditUser = { username: user.name };
  if (user.uid) out.uid = user.uid;
  if (user.groups.length) out.groups = [...user.groups];
  if (user.extra && Object.keys(user.extra).length) out.extra = user.extra;
  return out;
}

/**
 * The objectRef of a resource request, from its path; what the path does not name (a create's name) from the
 * request's object, as kube fills it in.
 */
export function objectRef(attrs: AccessAttributes, meta: { namespace?: string; name?: string; uid?: string; resourceVersion?: string } = {}): ObjectReference | undefined {
  if (!attrs.resourceRequest) return undefined;
  const ref: ObjectReference = {};
  if (attrs.resource) ref.resource = attrs.resource;
  const namespace = attrs.namespace || meta.namespace;
  if (namespace) ref.namespace = namespace;
  const name = attrs.name || meta.name;
  if (name) ref.name = name;
  if (meta.uid) ref.uid = meta.uid;
  if (attrs.apiGroup) ref.apiGroup = attrs.apiGroup;
  if (attrs.apiVersion) ref.apiVersion = attrs.apiVersion;
  if (meta.resourceVersion) ref.resourceVersion = meta.resourceVersion;
  if (attrs.subresource) ref.subresource = attrs.subresource;
  return ref;
}

const maxUserAgentLength = 1024;

export function userAgent(headers: Headers): string | undefined {
  const ua = headers.get("user-agent");
  if (!ua) return undefined;
  return ua.length > maxUserAgentLength ? `${ua.slice(0, maxUserAgentLength)}...TRUNCATED` : ua;
}

const ipShape = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*)$/;

/**
 * The client's addresses as kube lists them: X-Forwarded-For, then X-Real-Ip, then the address the connection
 * came from (CF-Connecting-IP at Cloudflare's edge), each once.
 */
export function sourceIPs(headers: Headers): string[] {
  const ips: string[] = [];
  const add = (ip: string | null | undefined) => {
    const value = ip?.trim();
    if (value && ipShape.test(value) && !ips.includes(value)) ips.push(value);
  };
  for (const ip of (headers.get("x-forwarded-for") ?? "").split(",")) add(ip);
  add(headers.get("x-real-ip"));
  add(headers.get("cf-connecting-ip"));
  return ips;
}

/** Events larger than this lose their request and response objects (kube's truncate backend does the same). */
export const maxEventBytes = 100 * 1024;

/** The event as one JSON line, truncated if too large; undefined if even the truncated event is too large. */
export function eventJson(event: AuditEvent): string | undefined {
  const json = JSON.stringify(event);
  if (json.length <= maxEventBytes) return json;
  const truncated: AuditEvent = { ...event, annotations: { ...event.annotations, "audit.k8s.io/truncated": "true" } };
  delete truncated.requestObject;
  delete truncated.responseObject;
  const small = JSON.stringify(truncated);
  return small.length <= maxEventBytes ? small : undefined;
}

export function auditRow(event: AuditEvent, json: string, receivedMs: number, stageMs: number): AuditRow {
  return {
    ts: stageMs,
    auditId: event.auditID,
    stage: event.stage,
    level: event.level,
    user: event.user.username ?? "",
    impersonatedUser: event.impersonatedUser?.username ?? "",
    verb: event.verb,
    resource: event.objectRef?.resource ?? "",
    subresource: event.objectRef?.subresource ?? "",
    namespace: event.objectRef?.namespace ?? "",
    name: event.objectRef?.name ?? "",
    code: event.responseStatus?.code ?? 0,
    latencyMs: Math.max(0, stageMs - receivedMs),
    event: json,
  };
}
