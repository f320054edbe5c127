// Authentication end to end in workerd: static tokens, service-account tokens (TokenRequest, legacy Secrets),
// OIDC, TokenReview, SelfSubjectReview, the issuer's discovery, and every kind of bad token refused with 401.
import { env } from "cloudflare:workers";
import { createLocalJWKSet, importPKCS8, jwtVerify, SignJWT, type JWTPayload } from "jose";
import { describe, expect, it } from "vitest";
import { api, freshNamespace } from "./support/api.ts";
import { oidcClientId, oidcIssuer } from "./support/auth-bindings.ts";

const issuer = "https://kubernetes.default.svc.cluster.local";
const unauthorized = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: "Unauthorized", reason: "Unauthorized", code: 401 };
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function whoami(token: string) {
  return api("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" }, bearer(token));
}

async function createServiceAccount(ns: string, name = "builder") {
  const res = await api("POST", `/api/v1/namespaces/${ns}/serviceaccounts`, { apiVersion: "v1", kind: "ServiceAccount", metadata: { name } });
  expect(res.status).toBe(201);
  return res.body;
}

async function requestToken(ns: string, name: string, spec: Record<string, unknown> = {}) {
  return api("POST", `/api/v1/namespaces/${ns}/serviceaccounts/${name}/token`, { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", spec });
}

/** Polls until the token is refused (lookups are cached for a few seconds per isolate). */
async function expectRefusedSoon(token: string) {
  for (let i = 0; i < 50; i++) {
    const res = await whoami(token);
    if (res.status === 401) {
      expect(res.body).toEqual(unauthorized);
      return;
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error("the token still works");
}

/** Signs claims with the server's own service-account key. */
async function signAsServer(claims: JWTPayload, key = env.SERVICE_ACCOUNT_SIGNING_KEY!, alg = "ES256") {
  return new SignJWT(claims).setProtectedHeader({ alg }).sign(await importPKCS8(key, alg));
}

function boundClaims(ns: string, sa: { metadata: { name: string; uid: string } }, overrides: JWTPayload = {}): JWTPayload {
  const t = Math.floor(Date.now() / 1000);
  return {
    iss: issuer,
    sub: `system:serviceaccount:${ns}:${sa.metadata.name}`,
    aud: [issuer],
    iat: t,
    nbf: t,
    exp: t + 3600,
    "kubernetes.io": { namespace: ns, serviceaccount: { name: sa.metadata.name, uid: sa.metadata.uid } },
    ...overrides,
  };
}

describe("anonymous requests", () => {
  it("are refused, except health and version", async () => {
    const res = await api("GET", "/api/v1/namespaces", undefined, { Authorization: "" });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(unauthorized);
    const health = await api("GET", "/healthz", undefined, { Authorization: "" });
    expect(health.status).toBe(200);
  });
});

describe("static tokens", () => {
  it("authenticate as their user with system:authenticated", async () => {
    const res = await whoami("static-alice-token");
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      apiVersion: "authentication.k8s.io/v1",
      kind: "SelfSubjectReview",
      metadata: {},
      status: { userInfo: { username: "alice", uid: "alice-uid", groups: ["devs", "qa", "system:authenticated"] } },
    });
    expect((await whoami("static-bob-token")).body.status.userInfo).toEqual({ username: "bob", groups: ["system:authenticated"] });
  });

  it("refuses unknown, near-miss and empty tokens", async () => {
    for (const token of ["static-alice-tokeN", "static-alice-token2", "x", "test-admin-toke"]) {
      const res = await whoami(token);
      expect(res.status).toBe(401);
      expect(res.body).toEqual(unauthorized);
    }
    const empty = await api("GET", "/api/v1/namespaces", undefined, { Authorization: "Bearer " });
    expect(empty.body).toEqual(unauthorized);
    const basic = await api("GET", "/api/v1/namespaces", undefined, { Authorization: "Basic YWRtaW46YWRtaW4=" });
    expect(basic.body).toEqual(unauthorized);
  });

  it("keep the admin as it was", async () => {
    const res = await api("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" });
    expect(res.body.status.userInfo).toEqual({ username: "admin", groups: ["system:masters", "system:authenticated"] });
  });
});

describe("TokenRequest", () => {
  it("issues a token that authenticates as the service account", async () => {
    const ns = await freshNamespace("auth");
    const sa = await createServiceAccount(ns);
    const before = Date.now();
    const res = await requestToken(ns, "builder");
    expect(res.status).toBe(201);
    expect(res.body.apiVersion).toBe("authentication.k8s.io/v1");
    expect(res.body.kind).toBe("TokenRequest");
    expect(res.body.spec).toEqual({ audiences: [issuer], expirationSeconds: 3600 });
    const expires = Date.parse(res.body.status.expirationTimestamp);
    expect(expires).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 3600_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 3600_000);

    const me = await whoami(res.body.status.token);
    expect(me.status).toBe(201);
    const info = me.body.status.userInfo;
    expect(info.username).toBe(`system:serviceaccount:${ns}:builder`);
    expect(info.uid).toBe(sa.metadata.uid);
    expect(info.groups).toEqual(["system:serviceaccounts", `system:serviceaccounts:${ns}`, "system:authenticated"]);
    expect(info.extra["authentication.kubernetes.io/credential-id"][0]).toMatch(/^JTI=[0-9a-f-]{36}$/);

    // The token authenticates any request (what it may do is RBAC's to say: 200 or 403, never 401).
    const list = await api("GET", `/api/v1/namespaces/${ns}/serviceaccounts`, undefined, bearer(res.body.status.token));
    expect([200, 403]).toContain(list.status);
  });

  it("takes audiences and a duration, and refuses durations under 10 minutes", async () => {
    const ns = await freshNamespace("auth");
    await createServiceAccount(ns);
    const res = await requestToken(ns, "builder", { audiences: ["vault"], expirationSeconds: 7200 });
    expect(res.status).toBe(201);
    expect(res.body.spec).toEqual({ audiences: ["vault"], expirationSeconds: 7200 });
    // Not for the API: its audience is another.
    expect((await whoami(res.body.status.token)).status).toBe(401);
    const short = await requestToken(ns, "builder", { expirationSeconds: 599 });
    expect(short.body).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: `TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 10 minutes`,
      reason: "Invalid",
      details: { group: "authentication.k8s.io", kind: "TokenRequest", name: "", causes: [{ reason: "FieldValueInvalid", message: "Invalid value: 599: may not specify a duration less than 10 minutes", field: "spec.expirationSeconds" }] },
      code: 422,
    });
  });

  it("answers 404 for a missing service account and refuses what it cannot bind to", async () => {
    const ns = await freshNamespace("auth");
    const missing = await requestToken(ns, "nobody");
    expect(missing.body).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: `serviceaccounts "nobody" not found`,
      reason: "NotFound",
      details: { name: "nobody", kind: "serviceaccounts" },
      code: 404,
    });
    await createServiceAccount(ns);
    const cm = await requestToken(ns, "builder", { boundObjectRef: { apiVersion: "v1", kind: "ConfigMap", name: "x" } });
    expect(cm.status).toBe(400);
    expect(cm.body.message).toBe("cannot bind token to object of type /v1, Kind=ConfigMap");
    const gone = await requestToken(ns, "builder", { boundObjectRef: { apiVersion: "v1", kind: "Secret", name: "nope" } });
    expect(gone.status).toBe(404);
    expect(gone.body.message).toBe(`secrets "nope" not found`);
  });

  it("binds to a Secret: the token stops working when the Secret goes", async () => {
    const ns = await freshNamespace("auth");
    await createServiceAccount(ns);
    const secret = await api("POST", `/api/v1/namespaces/${ns}/secrets`, { apiVersion: "v1", kind: "Secret", metadata: { name: "anchor" } });
    const stale = await requestToken(ns, "builder", { boundObjectRef: { apiVersion: "v1", kind: "Secret", name: "anchor", uid: "not-the-uid" } });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toBe(`Operation cannot be fulfilled on Secret "anchor": the UID in the bound object reference (not-the-uid) does not match the UID in record. The object might have been deleted and then recreated`);
    const res = await requestToken(ns, "builder", { boundObjectRef: { apiVersion: "v1", kind: "Secret", name: "anchor", uid: secret.body.metadata.uid } });
    expect(res.status).toBe(201);
    const token = res.body.status.token;
    expect((await whoami(token)).status).toBe(201);
    expect((await api("DELETE", `/api/v1/namespaces/${ns}/secrets/anchor`)).status).toBe(200);
    await expectRefusedSoon(token);
  });

  it("stops working when the service account is deleted, and stays dead when it is recreated", async () => {
    const ns = await freshNamespace("auth");
    await createServiceAccount(ns);
    const token = (await requestToken(ns, "builder")).body.status.token;
    expect((await whoami(token)).status).toBe(201);
    expect((await api("DELETE", `/api/v1/namespaces/${ns}/serviceaccounts/builder`)).status).toBe(200);
    await expectRefusedSoon(token);
    await createServiceAccount(ns);
    await new Promise((done) => setTimeout(done, 100));
    expect((await whoami(token)).status).toBe(401);
  });

  it("is listed in discovery as serviceaccounts/token", async () => {
    const res = await api("GET", "/api/v1");
    const token = res.body.resources.find((r: { name: string }) => r.name === "serviceaccounts/token");
    expect(token).toEqual({ name: "serviceaccounts/token", singularName: "", namespaced: true, group: "authentication.k8s.io", version: "v1", kind: "TokenRequest", verbs: ["create"] });
  });
});

describe("bad service-account tokens", () => {
  it("are refused with 401: expired, not yet valid, wrong audience, wrong issuer, unsigned, tampered, foreign key, malformed", async () => {
    const ns = await freshNamespace("auth");
    const sa = await createServiceAccount(ns);
    const t = Math.floor(Date.now() / 1000);
    const good = await signAsServer(boundClaims(ns, sa));
    expect((await whoami(good)).status).toBe(201);

    const b64 = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
    const [h, p, s] = good.split(".");
    const cases: Record<string, string> = {
      expired: await signAsServer(boundClaims(ns, sa, { iat: t - 7200, nbf: t - 7200, exp: t - 3600 })),
      "not yet valid": await signAsServer(boundClaims(ns, sa, { nbf: t + 3600, exp: t + 7200 })),
      "wrong audience": await signAsServer(boundClaims(ns, sa, { aud: ["someone-else"] })),
      "wrong issuer": await signAsServer(boundClaims(ns, sa, { iss: "https://evil.example" })),
      "alg none": `${b64({ alg: "none", typ: "JWT" })}.${p}.`,
      "tampered payload": `${h}.${b64({ ...boundClaims(ns, sa), sub: "system:serviceaccount:kube-system:root" })}.${s}`,
      "tampered signature": `${h}.${p}.${s.slice(0, 10)}${s[10] === "A" ? "B" : "A"}${s.slice(11)}`,
      "foreign key": await signAsServer(boundClaims(ns, sa), env.TEST_FOREIGN_KEY),
      "no kubernetes.io claims": await signAsServer({ ...boundClaims(ns, sa), "kubernetes.io": undefined }),
      "uid of another account": await signAsServer(boundClaims(ns, sa, { "kubernetes.io": { namespace: ns, serviceaccount: { name: "builder", uid: "0000" } } })),
      malformed: "eyJhbGciOiJFUzI1NiJ9.not-json.sig",
    };
    for (const [name, token] of Object.entries(cases)) {
      const res = await whoami(token);
      expect({ name, status: res.status, body: res.body }).toEqual({ name, status: 401, body: unauthorized });
    }
  });

  it("signed by a rotated-out key that is still trusted are accepted", async () => {
    const ns = await freshNamespace("auth");
    const sa = await createServiceAccount(ns);
    const token = await signAsServer(boundClaims(ns, sa), env.TEST_ROTATED_KEY, "RS256");
    expect((await whoami(token)).body.status.userInfo.username).toBe(`system:serviceaccount:${ns}:builder`);
  });
});

describe("legacy token Secrets", () => {
  it("get token, namespace and ca.crt filled in, and work until the Secret is deleted", async () => {
    const ns = await freshNamespace("auth");
    const sa = await createServiceAccount(ns);
    const created = await api("POST", `/api/v1/namespaces/${ns}/secrets`, {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "builder-token", annotations: { "kubernetes.io/service-account.name": "builder" } },
      type: "kubernetes.io/service-account-token",
    });
    expect(created.status).toBe(201);
    let secret;
    for (let i = 0; i < 50 && !secret?.data?.token; i++) {
      await new Promise((done) => setTimeout(done, 100));
      secret = (await api("GET", `/api/v1/namespaces/${ns}/secrets/builder-token`)).body;
    }
    expect(Object.keys(secret.data).sort()).toEqual(["namespace", "token"]);
    expect(atob(secret.data.namespace)).toBe(ns);
    expect(secret.metadata.annotations["kubernetes.io/service-account.uid"]).toBe(sa.metadata.uid);
    const token = atob(secret.data.token);
    expect((await whoami(token)).body.status.userInfo).toEqual({
      username: `system:serviceaccount:${ns}:builder`,
      uid: sa.metadata.uid,
      groups: ["system:serviceaccounts", `system:serviceaccounts:${ns}`, "system:authenticated"],
    });
    await api("DELETE", `/api/v1/namespaces/${ns}/secrets/builder-token`);
    await expectRefusedSoon(token);
  });

  it("naming a missing service account are deleted", async () => {
    const ns = await freshNamespace("auth");
    await api("POST", `/api/v1/namespaces/${ns}/secrets`, {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "orphan", annotations: { "kubernetes.io/service-account.name": "ghost" } },
      type: "kubernetes.io/service-account-token",
    });
    let status = 200;
    for (let i = 0; i < 50 && status === 200; i++) {
      await new Promise((done) => setTimeout(done, 100));
      status = (await api("GET", `/api/v1/namespaces/${ns}/secrets/orphan`)).status;
    }
    expect(status).toBe(404);
  });
});

describe("TokenReview", () => {
  const review = (spec: Record<string, unknown>, headers?: Record<string, string>) =>
    api("POST", "/apis/authentication.k8s.io/v1/tokenreviews", { apiVersion: "authentication.k8s.io/v1", kind: "TokenReview", spec }, headers);

  it("answers who a token is, for which audiences, without storing anything", async () => {
    const ns = await freshNamespace("auth");
    const sa = await createServiceAccount(ns);
    const token = (await requestToken(ns, "builder", { audiences: ["vault", issuer] })).body.status.token;
    const res = await review({ token, audiences: ["vault"] });
    expect(res.status).toBe(201);
    expect(res.body.status.authenticated).toBe(true);
    expect(res.body.status.audiences).toEqual(["vault"]);
    expect(res.body.status.user).toMatchObject({ username: `system:serviceaccount:${ns}:builder`, uid: sa.metadata.uid });
    const other = await review({ token, audiences: ["nomad"] });
    expect(other.body.status).toEqual({ authenticated: false, user: {}, error: `invalid bearer token, token audiences ["vault","${issuer}"] is invalid for the target audiences ["nomad"]` });
    const stat = await review({ token: "static-alice-token" });
    expect(stat.body.status).toEqual({ authenticated: true, user: { username: "alice", uid: "alice-uid", groups: ["devs", "qa", "system:authenticated"] }, audiences: [issuer] });
    expect((await api("GET", "/apis/authentication.k8s.io/v1/tokenreviews")).status).toBe(405);
  });

  it("needs a token", async () => {
    const res = await review({});
    expect(res.body).toEqual({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: "token is required for TokenReview in authentication", reason: "BadRequest", code: 400 });
  });
});

describe("OIDC", () => {
  async function idToken(claims: JWTPayload) {
    const t = Math.floor(Date.now() / 1000);
    const key = await importPKCS8(env.TEST_OIDC_KEY, "RS256");
    const payload = { iss: oidcIssuer, aud: oidcClientId, sub: "u-1", email: "jane@example.com", email_verified: true, groups: ["admins"], iat: t, exp: t + 600, ...claims };
    return new SignJWT(payload).setProtectedHeader({ alg: "RS256", kid: "oidc-1" }).sign(key);
  }

  it("maps the email and groups claims", async () => {
    const res = await whoami(await idToken({}));
    expect(res.body.status.userInfo).toEqual({ username: "jane@example.com", groups: ["oidc:admins", "system:authenticated"] });
  });

  it("refuses unverified emails, other audiences and expired tokens", async () => {
    const t = Math.floor(Date.now() / 1000);
    for (const claims of [{ email_verified: false }, { aud: "other" }, { exp: t - 120 }, { email: undefined }]) {
      expect((await whoami(await idToken(claims))).body).toEqual(unauthorized);
    }
  });

  it("refuses ID tokens not valid yet, unsigned, tampered, signed by another key or with HS256", async () => {
    const t = Math.floor(Date.now() / 1000);
    const good = await idToken({});
    expect((await whoami(good)).status).toBe(201);
    const b64 = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
    const [h, p, s] = good.split(".");
    const claims = JSON.parse(atob(p.replace(/-/g, "+").replace(/_/g, "/")));
    const cases: Record<string, string> = {
      "not yet valid": await idToken({ nbf: t + 3600, exp: t + 7200 }),
      "alg none": `${b64({ alg: "none", typ: "JWT" })}.${p}.`,
      "tampered email": `${h}.${b64({ ...claims, email: "root@example.com" })}.${s}`,
      "another key, same kid": await new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "oidc-1" }).sign(await importPKCS8(env.TEST_ROTATED_KEY, "RS256")),
      "HS256": await new SignJWT(claims).setProtectedHeader({ alg: "HS256", kid: "oidc-1" }).sign(new TextEncoder().encode("a shared secret of 32 bytes......")),
    };
    for (const [name, token] of Object.entries(cases)) {
      const res = await whoami(token);
      expect({ name, status: res.status, body: res.body }).toEqual({ name, status: 401, body: unauthorized });
    }
  });
});

describe("service account issuer discovery", () => {
  it("publishes the issuer and the keys that verify its tokens", async () => {
    const config = await api("GET", "/.well-known/openid-configuration");
    expect(config.body).toEqual({
      issuer,
      jwks_uri: "https://kube.test/openid/v1/jwks",
      response_types_supported: ["id_token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["ES256", "RS256"],
    });
    const jwks = await api("GET", "/openid/v1/jwks");
    expect(jwks.headers.get("content-type")).toBe("application/jwk-set+json");
    expect(jwks.body.keys).toHaveLength(2);
    for (const key of jwks.body.keys) expect(key.d).toBeUndefined();

    const ns = await freshNamespace("auth");
    await createServiceAccount(ns);
    const token = (await requestToken(ns, "builder")).body.status.token;
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks.body), { issuer, audience: issuer });
    expect(payload.sub).toBe(`system:serviceaccount:${ns}:builder`);
    expect((await api("GET", "/openid/v1/jwks", undefined, { Authorization: "" })).status).toBe(401);
  });
});

describe("hostile headers", () => {
  const forbiddenImpersonation = (resource: string, name: string, group = "") => ({
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: `${group ? `${resource}.${group}` : resource} "${name}" is forbidden: User "alice" cannot impersonate resource "${resource}" in API group "${group}" at the cluster scope`,
    reason: "Forbidden",
    details: { name, ...(group ? { group } : {}), kind: resource },
    code: 403,
  });

  it("refuse impersonation without the impersonate verb, whatever is asked for", async () => {
    const alice = bearer("static-alice-token");
    const asAdmin = await api("GET", "/api/v1/namespaces", undefined, { ...alice, "Impersonate-User": "admin" });
    expect(asAdmin.body).toEqual(forbiddenImpersonation("users", "admin"));
    const asMasters = await api("GET", "/api/v1/namespaces", undefined, { ...alice, "Impersonate-User": "alice", "Impersonate-Group": "system:masters" });
    expect(asMasters.body).toEqual(forbiddenImpersonation("users", "alice"));
    const asServiceAccount = await api("GET", "/api/v1/namespaces", undefined, { ...alice, "Impersonate-User": "system:serviceaccount:kube-system:default" });
    expect(asServiceAccount.body).toEqual({ ...forbiddenImpersonation("serviceaccounts", "default"), message: 'serviceaccounts "default" is forbidden: User "alice" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "kube-system"' });
    const uidOnly = await api("GET", "/api/v1/namespaces", undefined, { ...alice, "Impersonate-Uid": "0" });
    expect(uidOnly.status).toBe(500);
    expect(uidOnly.text).toContain("requested impersonation of groups, uid or extra without impersonating a user");
  });

  it("of several hundred KiB are answered with a Status: 401 for a token, 403 for an impersonation", async () => {
    const huge = "a".repeat(400 << 10);
    for (const token of [huge, `eyJhbGciOiJFUzI1NiJ9.${huge}.sig`, `eyJhbGciOiJub25lIn0.${btoa(JSON.stringify({ iss: "x", pad: huge }))}.`]) {
      const res = await api("GET", "/api/v1/namespaces", undefined, bearer(token));
      expect({ status: res.status, body: res.body }).toEqual({ status: 401, body: unauthorized });
    }
    const alice = bearer("static-alice-token");
    const longName = await api("GET", "/api/v1/namespaces", undefined, { ...alice, "Impersonate-User": huge });
    expect(longName.status).toBe(403);
    expect(longName.body).toMatchObject({ kind: "Status", reason: "Forbidden", details: { kind: "users" }, code: 403 });
    const extras: Record<string, string> = { ...alice, "Impersonate-User": "bob" };
    for (let i = 0; i < 2000; i++) extras[`Impersonate-Extra-k${i}`] = "v".repeat(100);
    expect((await api("GET", "/api/v1/namespaces", undefined, extras)).body).toEqual(forbiddenImpersonation("users", "bob"));
    const junk = await api("GET", "/api/v1/namespaces/default", undefined, { "X-Junk": huge });
    expect(junk.status).toBe(200);
  });
});
