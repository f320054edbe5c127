import { describe, expect, it } from "vitest";
import { authenticationFailure, composeEvent, responseStatusOf, type AuditedRequest } from "./compose-event.ts";
import { eventJson, maxEventBytes, microTime } from "./event.ts";

const received = Date.UTC(2026, 10, 24, 12, 0, 0, 5);

function request(overrides: Partial<AuditedRequest> = {}): AuditedRequest {
  return {
    auditID: "8e2c9a4e-0000-4000-8000-000000000001",
    receivedMs: received,
    requestURI: "/api/v1/namespaces/demo/configmaps?fieldManager=kubectl",
    headers: new Headers({ "user-agent": "kubectl/v1.35.0", "x-forwarded-for": "10.0.0.1, 10.0.0.2", "cf-connecting-ip": "192.0.2.7" }),
    attrs: { verb: "create", resourceRequest: true, apiGroup: "", apiVersion: "v1", namespace: "demo", resource: "configmaps" },
    decision: { level: "Metadata", omitStages: [], omitManagedFields: false },
    user: { name: "alice", uid: "u1", groups: ["devs", "system:authenticated"] },
    authorization: { allowed: true, reason: 'RBAC: allowed by RoleBinding "edit/demo" of ClusterRole "edit" to User "alice"' },
    ...overrides,
  };
}

const body = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", managedFields: [{ manager: "kubectl" }] }, data: { a: "1" } };

describe("composeEvent", () => {
  it("Metadata: kube's fields in kube's order, the create's name from its body, no objects", () => {
    const event = composeEvent(request(), "ResponseComplete", received + 12, { responseStatus: { metadata: {}, code: 201 }, requestObject: body });
    expect(JSON.parse(eventJson(event)!)).toEqual({
      kind: "Event",
      apiVersion: "audit.k8s.io/v1",
      level: "Metadata",
      auditID: "8e2c9a4e-0000-4000-8000-000000000001",
      stage: "ResponseComplete",
      requestURI: "/api/v1/namespaces/demo/configmaps?fieldManager=kubectl",
      verb: "create",
      user: { username: "alice", uid: "u1", groups: ["devs", "system:authenticated"] },
      sourceIPs: ["10.0.0.1", "10.0.0.2", "192.0.2.7"],
      userAgent: "kubectl/v1.35.0",
      objectRef: { resource: "configmaps", namespace: "demo", name: "settings", apiVersion: "v1" },
      responseStatus: { metadata: {}, code: 201 },
      requestReceivedTimestamp: "2026-11-24T12:00:00.005000Z",
      stageTimestamp: "2026-11-24T12:00:00.017000Z",
      annotations: {
        "authorization.k8s.io/decision": "allow",
        "authorization.k8s.io/reason": 'RBAC: allowed by RoleBinding "edit/demo" of ClusterRole "edit" to User "alice"',
      },
    });
    expect(Object.keys(event).filter((k) => (event as unknown as Record<string, unknown>)[k] !== undefined)).toEqual([
      "kind", "apiVersion", "level", "auditID", "stage", "requestURI", "verb", "user", "sourceIPs", "userAgent", "objectRef",
      "responseStatus", "requestReceivedTimestamp", "stageTimestamp", "annotations",
    ]);
  });

  it("Request and RequestResponse carry the objects, without managedFields when the policy omits them", () => {
    const outcome = { responseStatus: { metadata: {}, code: 201 } as const, requestObject: body, responseObject: { ...body, metadata: { ...body.metadata, uid: "x" } } };
    const atRequest = composeEvent(request({ decision: { level: "Request", omitStages: [], omitManagedFields: false } }), "ResponseComplete", received, outcome);
    expect(atRequest.requestObject).toEqual(body);
    expect(atRequest.responseObject).toBeUndefined();
    const full = composeEvent(request({ decision: { level: "RequestResponse", omitStages: [], omitManagedFields: true } }), "ResponseComplete", received, outcome);
    expect(full.requestObject).toEqual({ ...body, metadata: { name: "settings" } });
    expect(full.responseObject).toEqual({ ...body, metadata: { name: "settings", uid: "x" } });
  });

  it("RequestReceived: no outcome, stamped when the request arrived; impersonation names both users", () => {
    const event = composeEvent(request({ impersonatedUser: { name: "bob", groups: ["system:authenticated"] } }), "RequestReceived", received + 50);
    expect(event.stageTimestamp).toBe(microTime(received));
    expect(event.responseStatus).toBeUndefined();
    expect(event.annotations).toBeUndefined();
    expect(event.user.username).toBe("alice");
    expect(event.impersonatedUser).toEqual({ username: "bob", groups: ["system:authenticated"] });
  });

  it("a failed authentication has an empty user and kube's message", () => {
    const headers = new Headers({ authorization: "Bearer nope" });
    const event = composeEvent(request({ user: undefined, authorization: undefined, headers }), "ResponseStarted", received, {
      responseStatus: authenticationFailure(headers, new URL("https://x/api")),
    });
    expect(event.user).toEqual({});
    expect(event.responseStatus).toEqual({ metadata: {}, message: "Authentication failed, attempted: bearer", code: 401 });
    expect(authenticationFailure(new Headers(), new URL("https://x/api")).message).toBe("Authentication failed, no credentials provided");
  });
});

describe("responseStatusOf", () => {
  it("keeps a Status answer's status, message, reason and details; the code alone otherwise", () => {
    const forbidden = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: "no", reason: "Forbidden", details: { kind: "pods" }, code: 403 };
    expect(responseStatusOf(403, forbidden)).toEqual({ metadata: {}, status: "Failure", message: "no", reason: "Forbidden", details: { kind: "pods" }, code: 403 });
    expect(responseStatusOf(200, body)).toEqual({ metadata: {}, code: 200 });
  });
});

describe("eventJson", () => {
  it("drops the objects of an event too large, and says so as kube's truncating backend does", () => {
    const big = { ...body, data: { a: "x".repeat(maxEventBytes) } };
    const event = composeEvent(request({ decision: { level: "RequestResponse", omitStages: [], omitManagedFields: false } }), "ResponseComplete", received, {
      responseStatus: { metadata: {}, code: 201 },
      requestObject: big,
      responseObject: big,
    });
    const json = JSON.parse(eventJson(event)!);
    expect(json.requestObject).toBeUndefined();
    expect(json.responseObject).toBeUndefined();
    expect(json.annotations["audit.k8s.io/truncated"]).toBe("true");
    expect(json.objectRef.name).toBe("settings");
  });
});
