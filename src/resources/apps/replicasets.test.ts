import { describe, expect, it } from "vitest";
import type { FieldError } from "../../api/field-errors.ts";
import { cloneJson, type KubeObject } from "../../api/object.ts";
import { replicaSets } from "./replicasets.ts";

const now = new Date("2025-03-01T12:00:00Z");

const manifest = {
  apiVersion: "apps/v1",
  kind: "ReplicaSet",
  metadata: {
    name: "web-5d8f9c7b6",
    namespace: "shop",
    labels: { app: "web", "pod-template-hash": "5d8f9c7b6" },
    ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "u-1", controller: true, blockOwnerDeletion: true }],
  },
  spec: {
    replicas: 2,
    minReadySeconds: 3,
    selector: { matchLabels: { app: "web", "pod-template-hash": "5d8f9c7b6" } },
    template: {
      metadata: { labels: { app: "web", "pod-template-hash": "5d8f9c7b6" } },
      spec: {
        containers: [{ name: "web", image: "nginx:1.27", env: [{ name: "A", value: "1" }], volumeMounts: [{ name: "data", mountPath: "/data" }] }],
        volumes: [{ name: "data", persistentVolumeClaim: { claimName: "web-data" } }],
        imagePullSecrets: [{ name: "registry" }],
      },
    },
  },
};

function parse(body: unknown): KubeObject {
  const result = replicaSets.schema.safeParse(body);
  if (!result.success) throw new Error(JSON.stringify(result.error.issues));
  return result.data as KubeObject;
}

function defaulted(body: unknown = manifest): KubeObject {
  const obj = parse(cloneJson(body));
  obj.metadata = cloneJson((body as KubeObject).metadata);
  replicaSets.applyDefaults(obj);
  return obj;
}

const spec = (obj: KubeObject) => obj.spec as Record<string, any>;
const show = (errors: FieldError[]) => errors.map((e) => `${e.type} ${e.field}${e.detail ? `: ${e.detail}` : ""}`);
const withSpec = (patch: Record<string, unknown>) => defaulted({ ...manifest, spec: { ...manifest.spec, ...patch } });

describe("replicasets", () => {
  it("has kube's names", () => {
    expect([replicaSets.plural, replicaSets.singular, replicaSets.shortNames, replicaSets.categories]).toEqual(["replicasets", "replicaset", ["rs"], ["all"]]);
  });

  it("keeps every field of a real manifest", () => {
    expect(parse(cloneJson(manifest))).toEqual(manifest);
  });

  it("defaults replicas to 1 and the template as kube does", () => {
    const s = spec(defaulted({ ...manifest, spec: { selector: manifest.spec.selector, template: manifest.spec.template } }));
    expect(s.replicas).toBe(1);
    expect(s.template.spec.containers[0]).toMatchObject({ imagePullPolicy: "IfNotPresent", terminationMessagePath: "/dev/termination-log" });
    expect(s.template.spec.restartPolicy).toBe("Always");
  });

  it("accepts the manifest and starts with zero replicas in status", () => {
    const rs = defaulted();
    expect(replicaSets.validate(rs)).toEqual([]);
    replicaSets.prepareForCreate(rs);
    expect(rs.status).toEqual({ replicas: 0 });
  });

  it("rejects what kube rejects", () => {
    expect(show(replicaSets.validate(withSpec({ selector: {} })))).toEqual(["FieldValueInvalid spec.selector: empty selector is invalid for deployment"]);
    expect(show(replicaSets.validate(withSpec({ replicas: -2, selector: { matchLabels: { app: "other" } } })))).toEqual([
      "FieldValueInvalid spec.replicas: must be greater than or equal to 0",
      "FieldValueInvalid spec.template.metadata.labels: `selector` does not match template `labels`",
    ]);
    const template = { ...manifest.spec.template, spec: { containers: [{ name: "web", image: "x", volumeMounts: [{ name: "nope", mountPath: "/x" }] }] } };
    expect(show(replicaSets.validate(withSpec({ template })))).toEqual(["FieldValueNotFound spec.template.spec.containers[0].volumeMounts[0].name"]);
    expect(
      show(replicaSets.validate(withSpec({ selector: { matchExpressions: [{ key: "app", operator: "In", values: [] }] } }))),
    ).toEqual(["FieldValueRequired spec.selector.matchExpressions[0].values: must be specified when `operator` is 'In' or 'NotIn'", "FieldValueInvalid spec.selector: invalid label selector"]);
  });

  it("keeps the selector immutable", () => {
    const old = defaulted();
    const next = cloneJson(old);
    spec(next).selector = { matchLabels: { app: "web" } };
    expect(show(replicaSets.validateUpdate(next, old))).toEqual(["FieldValueInvalid spec.selector: field is immutable"]);
  });

  it("prints kube's replica set row and answers status.replicas", () => {
    const rs = defaulted();
    rs.metadata.creationTimestamp = "2025-03-01T11:58:30Z";
    rs.status = { replicas: 2, readyReplicas: 1 };
    expect(replicaSets.table.cells(rs, { now })).toEqual(["web-5d8f9c7b6", 2, 2, 1, "90s", "web", "nginx:1.27", "app=web,pod-template-hash=5d8f9c7b6"]);
    expect(replicaSets.fieldSelectors["status.replicas"](rs)).toBe("2");
    expect(replicaSets.scale.selector(rs)).toBe("app=web,pod-template-hash=5d8f9c7b6");
  });
});
