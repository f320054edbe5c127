import { describe, expect, it } from "vitest";
import type { FieldError } from "../../api/field-errors.ts";
import { cloneJson, type KubeObject } from "../../api/object.ts";
import { daemonSets, templateGenerationAnnotation } from "./daemonsets.ts";

const now = new Date("2025-03-01T12:00:00Z");

const manifest = {
  apiVersion: "apps/v1",
  kind: "DaemonSet",
  metadata: { name: "node-exporter", namespace: "monitoring", labels: { app: "node-exporter" } },
  spec: {
    selector: { matchLabels: { app: "node-exporter" } },
    updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "10%" } },
    minReadySeconds: 5,
    template: {
      metadata: { labels: { app: "node-exporter" } },
      spec: {
        hostNetwork: true,
        hostPID: true,
        nodeSelector: { "kubernetes.io/os": "linux", "node-role": "worker" },
        tolerations: [{ operator: "Exists" }],
        containers: [
          {
            name: "exporter",
            image: "quay.io/prometheus/node-exporter:v1.8.2",
            args: ["--path.rootfs=/host"],
            ports: [{ containerPort: 9100, hostPort: 9100, name: "metrics" }],
            volumeMounts: [{ name: "root", mountPath: "/host", readOnly: true, mountPropagation: "HostToContainer" }],
          },
        ],
        volumes: [{ name: "root", hostPath: { path: "/" } }],
      },
    },
  },
};

function parse(body: unknown): KubeObject {
  const result = daemonSets.schema.safeParse(body);
  if (!result.success) throw new Error(JSON.stringify(result.error.issues));
  return result.data as KubeObject;
}

function defaulted(body: unknown = manifest): KubeObject {
  const obj = parse(cloneJson(body));
  obj.metadata = cloneJson((body as KubeObject).metadata);
  daemonSets.applyDefaults(obj);
  return obj;
}

const spec = (obj: KubeObject) => obj.spec as Record<string, any>;
const show = (errors: FieldError[]) => errors.map((e) => `${e.type} ${e.field}${e.detail ? `: ${e.detail}` : ""}`);
const withSpec = (patch: Record<string, unknown>) => defaulted({ ...manifest, spec: { ...manifest.spec, ...patch } });

describe("daemonsets", () => {
  it("has kube's names", () => {
    expect([daemonSets.plural, daemonSets.shortNames, daemonSets.categories, daemonSets.status]).toEqual(["daemonsets", ["ds"], ["all"], true]);
  });

  it("keeps every field of a real manifest", () => {
    expect(parse(cloneJson(manifest))).toEqual(manifest);
  });

  it("applies kube's defaults", () => {
    const s = spec(defaulted({ ...manifest, spec: { selector: manifest.spec.selector, template: manifest.spec.template } }));
    expect(s.updateStrategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(s.revisionHistoryLimit).toBe(10);
    expect(s.template.spec.volumes[0].hostPath).toEqual({ path: "/", type: "" });
    expect(spec(defaulted()).updateStrategy.rollingUpdate).toEqual({ maxUnavailable: "10%", maxSurge: 0 });
  });

  it("accepts the manifest, with kube's initial status and template generation", () => {
    const ds = defaulted();
    expect(daemonSets.validate(ds)).toEqual([]);
    daemonSets.prepareForCreate(ds);
    expect(ds.status).toEqual({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 });
    expect(ds.metadata.annotations).toEqual({ [templateGenerationAnnotation]: "1" });

    const next = cloneJson(ds);
    spec(next).template.spec.containers[0].image = "quay.io/prometheus/node-exporter:v1.9.0";
    daemonSets.prepareForUpdate(next, ds);
    expect(next.metadata.annotations?.[templateGenerationAnnotation]).toBe("2");
    const same = cloneJson(ds);
    spec(same).minReadySeconds = 30;
    daemonSets.prepareForUpdate(same, ds);
    expect(same.metadata.annotations?.[templateGenerationAnnotation]).toBe("1");
  });

  it("rejects what kube rejects", () => {
    expect(show(daemonSets.validate(withSpec({ selector: undefined })))).toEqual([
      "FieldValueInvalid spec.template.metadata.labels: `selector` does not match template `labels`",
    ]);
    expect(show(daemonSets.validate(withSpec({ selector: {} })))).toEqual(["FieldValueInvalid spec.selector: empty selector is invalid for daemonset"]);
    expect(show(daemonSets.validate(withSpec({ updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } } })))).toEqual([
      "FieldValueInvalid spec.updateStrategy.rollingUpdate.maxSurge: may not be set when maxUnavailable is non-zero",
    ]);
    expect(show(daemonSets.validate(withSpec({ updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } })))).toEqual([
      "FieldValueRequired spec.updateStrategy.rollingUpdate.maxUnavailable: cannot be 0 when maxSurge is 0",
    ]);
    const template = { ...manifest.spec.template, spec: { ...manifest.spec.template.spec, restartPolicy: "Never", containers: [{ name: "x", image: "x", ports: [{ containerPort: 80, hostPort: 8080 }] }] } };
    expect(show(daemonSets.validate(withSpec({ template })))).toEqual([
      "FieldValueInvalid spec.template.spec.containers[0].ports[0].hostPort: must match `containerPort` when `hostNetwork` is true",
      'FieldValueNotSupported spec.template.spec.restartPolicy: supported values: "Always"',
    ]);
  });

  it("keeps the selector immutable", () => {
    const old = defaulted();
    const next = cloneJson(old);
    spec(next).selector = { matchLabels: { app: "other" } };
    expect(show(daemonSets.validateUpdate(next, old))).toEqual(["FieldValueInvalid spec.selector: field is immutable"]);
  });

  it("prints kube's daemon set row", () => {
    const ds = defaulted();
    ds.metadata.creationTimestamp = "2025-03-01T11:59:15Z";
    ds.status = { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2, numberMisscheduled: 0 };
    expect(daemonSets.table.cells(ds, { now })).toEqual([
      "node-exporter",
      3,
      3,
      2,
      3,
      2,
      "kubernetes.io/os=linux,node-role=worker",
      "45s",
      "exporter",
      "quay.io/prometheus/node-exporter:v1.8.2",
      "app=node-exporter",
    ]);
  });
});
