import { describe, expect, it } from "vitest";
import type { FieldError } from "../../api/field-errors.ts";
import { cloneJson, type KubeObject } from "../../api/object.ts";
import { deployments } from "./deployments.ts";

const now = new Date("2025-03-01T12:00:00Z");

const manifest = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "shop", labels: { app: "web" }, annotations: { "example.com/owner": "team-a" } },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In", values: ["front", "edge"] }] },
    strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: "10%" } },
    minReadySeconds: 5,
    paused: false,
    template: {
      metadata: { labels: { app: "web", tier: "front" }, annotations: { "prometheus.io/scrape": "true" } },
      spec: {
        containers: [
          {
            name: "web",
            image: "nginx:1.27",
            ports: [{ containerPort: 80, name: "http" }],
            resources: { requests: { cpu: "100m", memory: "128Mi" } },
            readinessProbe: { httpGet: { path: "/healthz", port: 80 }, periodSeconds: 5 },
          },
          { name: "sidecar", image: "busybox", args: ["sleep", "infinity"] },
        ],
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }] }] } } },
      },
    },
  },
};

function parse(body: unknown): KubeObject {
  const result = deployments.schema.safeParse(body);
  if (!result.success) throw new Error(JSON.stringify(result.error.issues));
  return result.data as KubeObject;
}

function defaulted(body: unknown = manifest): KubeObject {
  const obj = parse(cloneJson(body));
  obj.metadata = cloneJson((body as KubeObject).metadata);
  deployments.applyDefaults(obj);
  return obj;
}

const spec = (obj: KubeObject) => obj.spec as Record<string, any>;
const show = (errors: FieldError[]) => errors.map((e) => `${e.type} ${e.field}${e.detail ? `: ${e.detail}` : ""}`);
const withSpec = (patch: Record<string, unknown>) => defaulted({ ...manifest, spec: { ...manifest.spec, ...patch } });

describe("deployments", () => {
  it("has kube's names", () => {
    expect([deployments.group, deployments.version, deployments.kind, deployments.plural, deployments.singular]).toEqual(["apps", "v1", "Deployment", "deployments", "deployment"]);
    expect([deployments.shortNames, deployments.categories, deployments.status]).toEqual([["deploy"], ["all"], true]);
  });

  it("keeps every field of a real manifest", () => {
    expect(parse(cloneJson(manifest))).toEqual(manifest);
  });

  it("applies kube's defaults", () => {
    const s = spec(defaulted({ ...manifest, spec: { selector: manifest.spec.selector, template: manifest.spec.template } }));
    expect(s).toMatchObject({
      replicas: 1,
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
    expect(s.template.spec).toMatchObject({ restartPolicy: "Always", dnsPolicy: "ClusterFirst", schedulerName: "default-scheduler", terminationGracePeriodSeconds: 30, securityContext: {} });
    expect(s.template.spec.containers[1]).toMatchObject({ imagePullPolicy: "Always", terminationMessagePolicy: "File", resources: {} });
    // Pod-only defaults stay off templates.
    expect(s.template.spec.enableServiceLinks).toBeUndefined();
    expect(spec(withSpec({ strategy: { type: "Recreate" } })).strategy).toEqual({ type: "Recreate" });
  });

  it("accepts the realistic manifest and starts with an empty status", () => {
    const d = defaulted();
    expect(deployments.validate(d)).toEqual([]);
    deployments.prepareForCreate(d);
    expect(d.status).toEqual({});
  });

  it("rejects a missing, empty or mismatched selector", () => {
    expect(show(deployments.validate(withSpec({ selector: undefined })))).toEqual([
      "FieldValueRequired spec.selector",
      "FieldValueInvalid spec.template.metadata.labels: `selector` does not match template `labels`",
    ]);
    expect(show(deployments.validate(withSpec({ selector: {} })))).toEqual(["FieldValueInvalid spec.selector: empty selector is invalid for deployment"]);
    const mismatch = deployments.validate(withSpec({ selector: { matchLabels: { app: "api" } } }));
    expect(mismatch).toEqual([{ type: "FieldValueInvalid", field: "spec.template.metadata.labels", value: { app: "web", tier: "front" }, detail: "`selector` does not match template `labels`" }]);
  });

  it("rejects negative replicas, bad templates and bad strategies", () => {
    const template = { ...manifest.spec.template, spec: { containers: [{ name: "web" }], restartPolicy: "Never", activeDeadlineSeconds: 10 } };
    expect(show(deployments.validate(withSpec({ replicas: -1, template })))).toEqual([
      "FieldValueInvalid spec.replicas: must be greater than or equal to 0",
      "FieldValueRequired spec.template.spec.containers[0].image",
      'FieldValueNotSupported spec.template.spec.restartPolicy: supported values: "Always"',
      "FieldValueForbidden spec.template.spec.activeDeadlineSeconds: activeDeadlineSeconds in ReplicaSet is not Supported",
    ]);
    expect(show(deployments.validate(withSpec({ strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } })))).toEqual([
      "FieldValueInvalid spec.strategy.rollingUpdate.maxUnavailable: may not be 0 when `maxSurge` is 0",
    ]);
    expect(show(deployments.validate(withSpec({ strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "x", maxUnavailable: "150%" } } })))).toEqual([
      "FieldValueInvalid spec.strategy.rollingUpdate.maxSurge: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      "FieldValueInvalid spec.strategy.rollingUpdate.maxUnavailable: must not be greater than 100%",
    ]);
    expect(show(deployments.validate(withSpec({ strategy: { type: "Recreate", rollingUpdate: {} } })))).toEqual([
      "FieldValueForbidden spec.strategy.rollingUpdate: may not be specified when strategy `type` is 'Recreate'",
    ]);
    expect(show(deployments.validate(withSpec({ minReadySeconds: 700 })))).toEqual(["FieldValueInvalid spec.progressDeadlineSeconds: must be greater than minReadySeconds"]);
  });

  it("keeps the selector immutable", () => {
    const old = defaulted();
    const next = cloneJson(old);
    spec(next).replicas = 5;
    expect(deployments.validateUpdate(next, old)).toEqual([]);
    spec(next).selector = { matchLabels: { app: "web", tier: "front" } };
    expect(show(deployments.validateUpdate(next, old))).toEqual(["FieldValueInvalid spec.selector: field is immutable"]);
  });

  it("scales through spec.replicas", () => {
    const d = defaulted();
    d.status = { replicas: 2 };
    const scale = deployments.scale;
    expect([scale.specReplicas(d), scale.statusReplicas(d), scale.selector(d)]).toEqual([3, 2, "app=web,tier in (edge,front)"]);
    scale.setSpecReplicas(d, 7);
    expect(spec(d).replicas).toBe(7);
  });

  it("prints kube's deployment row", () => {
    const d = defaulted();
    d.metadata.creationTimestamp = "2025-02-27T12:00:00Z";
    d.status = { replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2 };
    expect(deployments.table.cells(d, { now })).toEqual(["web", "2/3", 3, 2, "2d", "web,sidecar", "nginx:1.27,busybox", "app=web,tier in (edge,front)"]);
    expect(deployments.table.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      "Name:0",
      "Ready:0",
      "Up-to-date:0",
      "Available:0",
      "Age:0",
      "Containers:1",
      "Images:1",
      "Selector:1",
    ]);
  });
});
