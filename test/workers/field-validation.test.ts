import { describe, expect, it } from "vitest";
import { api, freshNamespace, type ApiResponse } from "./support/api.ts";
import { deploymentManifest } from "./support/deployment-manifest.ts";

/** The texts of the Warning headers, unquoted (fetch joins repeated headers with ", "). */
function warnings(res: ApiResponse): string[] {
  const joined = res.headers.get("warning");
  if (!joined) return [];
  return joined.split(/, (?=299 - ")/).map((h) => {
    expect(h).toMatch(/^299 - ".*"$/);
    return h.slice('299 - "'.length, -1).replace(/\\(["\\])/g, "$1");
  });
}

const yaml = { "Content-Type": "application/yaml" };
const mergePatch = { "Content-Type": "application/merge-patch+json" };
const jsonPatch = { "Content-Type": "application/json-patch+json" };

// kube's own field validation test body (test/integration/apiserver/field_validation_test.go).
const invalidDeploymentJson = (name: string) => `{
  "apiVersion": "apps/v1",
  "kind": "Deployment",
  "metadata": { "name": "${name}", "labels": {"app": "nginx"} },
  "spec": {
    "unknown1": "val1",
    "unknownDupe": "valDupe",
    "unknownDupe": "valDupe2",
    "paused": true,
    "paused": false,
    "selector": { "matchLabels": { "app": "nginx" } },
    "template": {
      "metadata": { "labels": { "app": "nginx" } },
      "spec": {
        "containers": [{
          "name":  "nginx",
          "image": "nginx:latest",
          "unknownNested": "val1",
          "imagePullPolicy": "Always",
          "imagePullPolicy": "Never"
        }]
      }
    }
  }
}`;

const invalidDeploymentYaml = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels:
    app: nginx
spec:
  unknown1: val1
  unknownDupe: valDupe
  unknownDupe: valDupe2
  paused: true
  paused: false
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:latest
        unknownNested: val1
        imagePullPolicy: Always
        imagePullPolicy: Never`;

const jsonProblems = [
  'unknown field "spec.unknown1"',
  'unknown field "spec.unknownDupe"',
  'duplicate field "spec.paused"',
  'unknown field "spec.template.spec.containers[0].unknownNested"',
  'duplicate field "spec.template.spec.containers[0].imagePullPolicy"',
];

const yamlProblems = [
  'line 10: key "unknownDupe" already set in map',
  'line 12: key "paused" already set in map',
  'line 26: key "imagePullPolicy" already set in map',
  'unknown field "spec.template.spec.containers[0].unknownNested"',
  'unknown field "spec.unknown1"',
  'unknown field "spec.unknownDupe"',
];

const badRequest = (message: string) => ({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason: "BadRequest", code: 400 });

const cm = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { a: "1" }, ...extra });

describe("fieldValidation on create", () => {
  it("Strict refuses unknown and repeated fields of a JSON body with kube's 400, and stores nothing", async () => {
    const ns = await freshNamespace();
    const res = await api("POST", `/apis/apps/v1/namespaces/${ns}/deployments?fieldValidation=Strict`, invalidDeploymentJson("d"));
    expect(res.status).toBe(400);
    expect(res.body).toEqual(badRequest(`Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: ${jsonProblems.join(", ")}`));
    expect(warnings(res)).toEqual([]);
    expect((await api("GET", `/apis/apps/v1/namespaces/${ns}/deployments/d`)).status).toBe(404);
  });

  it("Warn creates the object without the unknown fields, keeping the last of repeated values, with one Warning each", async () => {
    const ns = await freshNamespace();
    const res = await api("POST", `/apis/apps/v1/namespaces/${ns}/deployments?fieldValidation=Warn`, invalidDeploymentJson("d"));
    expect(res.status).toBe(201);
    expect(warnings(res)).toEqual(jsonProblems);
    expect(res.body.spec.unknown1).toBeUndefined();
    expect(res.body.spec.unknownDupe).toBeUndefined();
    expect(res.body.spec.paused).toBeUndefined(); // the last value, false, which Go's JSON leaves out
    expect(res.body.spec.template.spec.containers[0]).not.toHaveProperty("unknownNested");
    expect(res.body.spec.template.spec.containers[0].imagePullPolicy).toBe("Never");
    const got = await api("GET", `/apis/apps/v1/namespaces/${ns}/deployments/d`);
    expect(got.body.spec.unknown1).toBeUndefined();
  });

  it("warns when the query names no directive, as kube 1.27+ does by default", async () => {
    const ns = await freshNamespace();
    const res = await api("POST", `/apis/apps/v1/namespaces/${ns}/deployments`, invalidDeploymentJson("d"));
    expect(res.status).toBe(201);
    expect(warnings(res)).toEqual(jsonProblems);
  });

  it("Ignore creates the object silently", async () => {
    const ns = await freshNamespace();
    const res = await api("POST", `/apis/apps/v1/namespaces/${ns}/deployments?fieldValidation=Ignore`, invalidDeploymentJson("d"));
    expect(res.status).toBe(201);
    expect(res.headers.get("warning")).toBeNull();
    expect(res.body.spec.unknown1).toBeUndefined();
    expect(res.body.spec.paused).toBeUndefined(); // the last value, false, which Go's JSON leaves out
  });

  it("Strict refuses a YAML body with yaml.v2's lines for repeated keys, then the unknown fields in key order", async () => {
    const ns = await freshNamespace();
    const res = await api("POST", `/apis/apps/v1/namespaces/${ns}/deployments?fieldValidation=Strict`, invalidDeploymentYaml("d"), yaml);
    expect(res.status).toBe(400);
    const [l10, l12, l26, ...unknown] = yamlProblems;
    expect(res.body).toEqual(
      badRequest(
        `Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: yaml: unmarshal errors:\n  ${l10}\n  ${l12}\n  ${l26}, ${unknown.join(", ")}`,
      ),
    );
    expect((await api("GET", `/apis/apps/v1/namespaces/${ns}/deployments/d`)).status).toBe(404);
  });

  it("Warn accepts a YAML body with repeated keys (the last wins), one Warning per problem", async () => {
    const ns = await freshNamespace();
    const res = await api("POST", `/apis/apps/v1/namespaces/${ns}/deployments?fieldValidation=Warn`, invalidDeploymentYaml("d"), yaml);
    expect(res.status).toBe(201);
    expect(warnings(res)).toEqual(yamlProblems);
    expect(res.body.spec.paused).toBeUndefined(); // the last value, false, which Go's JSON leaves out
    expect(res.body.spec.template.spec.containers[0].imagePullPolicy).toBe("Never");
  });

  it("Ignore accepts a YAML body with repeated keys silently", async () => {
    const ns = await freshNamespace();
    const res = await api("POST", `/apis/apps/v1/namespaces/${ns}/deployments?fieldValidation=Ignore`, invalidDeploymentYaml("d"), yaml);
    expect(res.status).toBe(201);
    expect(res.headers.get("warning")).toBeNull();
  });

  it("checks metadata against ObjectMeta and drops what it does not know", async () => {
    const ns = await freshNamespace();
    const body = { ...cm("m"), metadata: { name: "m", lables: { a: "b" }, ownerReferences: [{ apiVersion: "v1", kind: "ConfigMap", name: "o", uid: "1", bogus: 1 }] } };
    const strict = await api("POST", `/api/v1/namespaces/${ns}/configmaps?fieldValidation=Strict`, body);
    expect(strict.body).toEqual(
      badRequest('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "metadata.lables", unknown field "metadata.ownerReferences[0].bogus"'),
    );
    const warned = await api("POST", `/api/v1/namespaces/${ns}/configmaps`, body);
    expect(warned.status).toBe(201);
    expect(warnings(warned)).toEqual(['unknown field "metadata.lables"', 'unknown field "metadata.ownerReferences[0].bogus"']);
    expect(warned.body.metadata).not.toHaveProperty("lables");
    expect(warned.body.metadata.ownerReferences).toEqual([{ apiVersion: "v1", kind: "ConfigMap", name: "o", uid: "1" }]);
  });

  it("reports a repeated key of a map (data) too", async () => {
    const ns = await freshNamespace();
    const text = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1","a":"2"}}';
    const strict = await api("POST", `/api/v1/namespaces/${ns}/configmaps?fieldValidation=Strict`, text);
    expect(strict.body.message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: duplicate field "data.a"');
    const warned = await api("POST", `/api/v1/namespaces/${ns}/configmaps`, text);
    expect(warnings(warned)).toEqual(['duplicate field "data.a"']);
    expect(warned.body.data).toEqual({ a: "2" });
  });

  it("keeps the warnings on an answer that fails later (AlreadyExists)", async () => {
    const ns = await freshNamespace();
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, cm("x"));
    const again = await api("POST", `/api/v1/namespaces/${ns}/configmaps`, cm("x", { bogus: 1 }));
    expect(again.status).toBe(409);
    expect(warnings(again)).toEqual(['unknown field "bogus"']);
  });

  it("finds no unknown field in a realistic Deployment using every common field", async () => {
    const ns = await freshNamespace();
    const res = await api("POST", `/apis/apps/v1/namespaces/${ns}/deployments?fieldValidation=Strict`, deploymentManifest("web"));
    expect(res.body.message).toBeUndefined();
    expect(res.status).toBe(201);
    expect(res.headers.get("warning")).toBeNull();
  });

  it("refuses a directive kube does not know with 422 on CreateOptions", async () => {
    const ns = await freshNamespace();
    const res = await api("POST", `/api/v1/namespaces/${ns}/configmaps?fieldValidation=strict`, cm("x"));
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "strict": supported values: "", "Ignore", "Strict", "Warn"',
      reason: "Invalid",
      details: {
        group: "meta.k8s.io",
        kind: "CreateOptions",
        causes: [{ reason: "FieldValueNotSupported", message: 'Unsupported value: "strict": supported values: "", "Ignore", "Strict", "Warn"', field: "fieldValidation" }],
      },
      code: 422,
    });
  });
});

describe("fieldValidation on update", () => {
  // kube's valid body of the same test: the selector matches, so only the fields differ.
  async function existing(ns: string) {
    const valid = JSON.parse(invalidDeploymentJson("d"));
    delete valid.spec.unknown1;
    delete valid.spec.unknownDupe;
    delete valid.spec.template.spec.containers[0].unknownNested;
    const created = await api("POST", `/apis/apps/v1/namespaces/${ns}/deployments?fieldValidation=Strict`, valid);
    expect(created.status).toBe(201);
    return created.body;
  }

  it("Strict refuses the update and leaves the object as it was", async () => {
    const ns = await freshNamespace();
    const before = await existing(ns);
    const res = await api("PUT", `/apis/apps/v1/namespaces/${ns}/deployments/d?fieldValidation=Strict`, invalidDeploymentJson("d"));
    expect(res.status).toBe(400);
    expect(res.body).toEqual(badRequest(`Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: ${jsonProblems.join(", ")}`));
    const after = await api("GET", `/apis/apps/v1/namespaces/${ns}/deployments/d`);
    expect(after.body.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it("Warn updates with warnings; YAML too; Ignore silently", async () => {
    const ns = await freshNamespace();
    await existing(ns);
    const warned = await api("PUT", `/apis/apps/v1/namespaces/${ns}/deployments/d?fieldValidation=Warn`, invalidDeploymentJson("d"));
    expect(warned.status).toBe(200);
    expect(warnings(warned)).toEqual(jsonProblems);
    expect(warned.body.spec.paused).toBeUndefined(); // the last value, false, which Go's JSON leaves out
    const yamlWarned = await api("PUT", `/apis/apps/v1/namespaces/${ns}/deployments/d`, invalidDeploymentYaml("d"), yaml);
    expect(yamlWarned.status).toBe(200);
    expect(warnings(yamlWarned)).toEqual(yamlProblems);
    const ignored = await api("PUT", `/apis/apps/v1/namespaces/${ns}/deployments/d?fieldValidation=Ignore`, invalidDeploymentJson("d"));
    expect(ignored.status).toBe(200);
    expect(ignored.headers.get("warning")).toBeNull();
  });

  it("checks the whole body of a /status update, and a /scale body against Scale", async () => {
    const ns = await freshNamespace();
    const current = await existing(ns);
    const status = await api("PUT", `/apis/apps/v1/namespaces/${ns}/deployments/d/status?fieldValidation=Strict`, {
      ...current,
      spec: { ...current.spec, bogus: 1 },
    });
    expect(status.body.message).toBe('Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.bogus"');
    const scale = await api("PUT", `/apis/apps/v1/namespaces/${ns}/deployments/d/scale`, {
      apiVersion: "autoscaling/v1",
      kind: "Scale",
      metadata: { name: "d" },
      spec: { replicas: 2, replicaz: 3 },
    });
    expect(scale.status).toBe(200);
    expect(scale.body.spec.replicas).toBe(2);
    expect(warnings(scale)).toEqual(['unknown field "spec.replicaz"']);
  });
});

describe("fieldValidation on patch", () => {
  const patchPath = (ns: string, query = "") => `/api/v1/namespaces/${ns}/configmaps/p${query}`;

  it("Strict refuses a merge patch whose result has unknown fields with kube's 422, changing nothing", async () => {
    const ns = await freshNamespace();
    const created = (await api("POST", `/api/v1/namespaces/${ns}/configmaps`, cm("p"))).body;
    const res = await api("PATCH", patchPath(ns, "?fieldValidation=Strict"), '{"data":{"b":"2","b":"3"},"bogus":true}', mergePatch);
    expect(res.status).toBe(422);
    expect(res.body.reason).toBe("Invalid");
    expect(res.body.message).toMatch(/^ "" is invalid: patch: Invalid value: "\{.*\}": strict decoding error: duplicate field "data.b", unknown field "bogus"$/);
    expect(res.body.details.causes).toEqual([{ reason: "FieldValueInvalid", field: "patch", message: res.body.message.slice(' "" is invalid: patch: '.length) }]);
    const shown = JSON.parse(JSON.parse(res.body.message.match(/Invalid value: ("\{.*\}"): strict/)[1]));
    expect(shown).toMatchObject({ bogus: true, data: { a: "1", b: "3" }, metadata: { name: "p", uid: created.metadata.uid } });
    const after = await api("GET", patchPath(ns));
    expect(after.body.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    expect(after.body.data).toEqual({ a: "1" });
  });

  it("Warn applies a merge patch, dropping unknown fields, with a Warning each; Ignore silently", async () => {
    const ns = await freshNamespace();
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, cm("p"));
    const warned = await api("PATCH", patchPath(ns), '{"data":{"b":"2","b":"3"},"zzz":1,"bogus":true}', mergePatch);
    expect(warned.status).toBe(200);
    expect(warnings(warned)).toEqual(['duplicate field "data.b"', 'unknown field "bogus"', 'unknown field "zzz"']);
    expect(warned.body.data).toEqual({ a: "1", b: "3" });
    expect(warned.body).not.toHaveProperty("bogus");
    const ignored = await api("PATCH", patchPath(ns, "?fieldValidation=Ignore"), '{"data":{"c":"1","c":"2"},"bogus":true}', mergePatch);
    expect(ignored.status).toBe(200);
    expect(ignored.headers.get("warning")).toBeNull();
    expect(ignored.body.data.c).toBe("2");
  });

  it("checks a JSON patch's operations and the patched object", async () => {
    const ns = await freshNamespace();
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, cm("p"));
    const ops = '[{"op":"add","path":"/data/b","value":"2","valeu":"x"},{"op":"add","path":"/spec","value":{"x":1}}]';
    const warned = await api("PATCH", patchPath(ns), ops, jsonPatch);
    expect(warned.status).toBe(200);
    expect(warnings(warned)).toEqual(['json patch unknown field "[0].valeu"', 'unknown field "spec"']);
    const strict = await api("PATCH", patchPath(ns, "?fieldValidation=Strict"), ops, jsonPatch);
    expect(strict.status).toBe(422);
    expect(strict.body.message).toMatch(/strict decoding error: json patch unknown field "\[0\]\.valeu", unknown field "spec"$/);
  });

  it("a type error in the patched object still wins over strictness, as in kube", async () => {
    const ns = await freshNamespace();
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, cm("p"));
    const res = await api("PATCH", patchPath(ns, "?fieldValidation=Strict"), '{"data":{"a":1},"bogus":true}', mergePatch);
    expect(res.body.message).not.toMatch(/strict decoding error/);
    expect(res.status).toBeGreaterThanOrEqual(400);
  });
});
