import { describe, expect, it } from "vitest";
import type { FieldError } from "../../api/field-errors.ts";
import { cloneJson, type KubeObject } from "../../api/object.ts";
import { statefulSets } from "./statefulsets.ts";

const now = new Date("2025-03-01T12:00:00Z");

const manifest = {
  apiVersion: "apps/v1",
  kind: "StatefulSet",
  metadata: { name: "db", namespace: "shop" },
  spec: {
    serviceName: "db",
    replicas: 3,
    selector: { matchLabels: { app: "db" } },
    podManagementPolicy: "Parallel",
    updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 1 } },
    minReadySeconds: 10,
    ordinals: { start: 1 },
    persistentVolumeClaimRetentionPolicy: { whenDeleted: "Delete", whenScaled: "Retain" },
    template: {
      metadata: { labels: { app: "db" } },
      spec: {
        terminationGracePeriodSeconds: 10,
        containers: [
          {
            name: "postgres",
            image: "postgres:17",
            ports: [{ containerPort: 5432, name: "pg" }],
            volumeMounts: [{ name: "data", mountPath: "/var/lib/postgresql/data", subPath: "pgdata" }],
            startupProbe: { exec: { command: ["pg_isready"] }, failureThreshold: 30 },
          },
        ],
      },
    },
    volumeClaimTemplates: [
      {
        metadata: { name: "data", labels: { app: "db" } },
        spec: { accessModes: ["ReadWriteOnce"], storageClassName: "fast", resources: { requests: { storage: "10Gi" } } },
      },
    ],
  },
};

function parse(body: unknown): KubeObject {
  const result = statefulSets.schema.safeParse(body);
  if (!result.success) throw new Error(JSON.stringify(result.error.issues));
  return result.data as KubeObject;
}

function defaulted(body: unknown = manifest): KubeObject {
  const obj = parse(cloneJson(body));
  statefulSets.applyDefaults(obj);
  return obj;
}

const spec = (obj: KubeObject) => obj.spec as Record<string, any>;
const show = (errors: FieldError[]) => errors.map((e) => `${e.type} ${e.field}${e.detail ? `: ${e.detail}` : ""}`);
const withSpec = (patch: Record<string, unknown>) => defaulted({ ...manifest, spec: { ...manifest.spec, ...patch } });

describe("statefulsets", () => {
  it("has kube's names; its names are DNS labels", () => {
    expect([statefulSets.plural, statefulSets.shortNames, statefulSets.categories, statefulSets.nameRule]).toEqual(["statefulsets", ["sts"], ["all"], "dns1123-label"]);
  });

  it("keeps every field of a real manifest", () => {
    expect(parse(cloneJson(manifest))).toEqual(manifest);
  });

  it("applies kube's defaults, claim templates included", () => {
    const s = spec(defaulted({ ...manifest, spec: { selector: manifest.spec.selector, template: manifest.spec.template, volumeClaimTemplates: manifest.spec.volumeClaimTemplates } }));
    expect(s).toMatchObject({
      replicas: 1,
      podManagementPolicy: "OrderedReady",
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
    });
    expect(s.volumeClaimTemplates[0]).toMatchObject({ apiVersion: "v1", kind: "PersistentVolumeClaim", spec: { volumeMode: "Filesystem" }, status: { phase: "Pending" } });
    expect(s.template.spec.containers[0].startupProbe).toMatchObject({ periodSeconds: 10, failureThreshold: 30 });
    expect(spec(withSpec({ updateStrategy: { type: "OnDelete" } })).updateStrategy).toEqual({ type: "OnDelete" });
  });

  it("accepts the manifest: mounts may use the claim templates", () => {
    const sts = defaulted();
    expect(statefulSets.validate(sts)).toEqual([]);
    statefulSets.prepareForCreate(sts);
    expect(sts.status).toEqual({ replicas: 0, availableReplicas: 0 });
  });

  it("rejects what kube rejects", () => {
    expect(show(statefulSets.validate(withSpec({ selector: undefined })))).toEqual([
      "FieldValueRequired spec.selector",
      "FieldValueInvalid spec.template.metadata.labels: `selector` does not match template `labels`",
    ]);
    expect(show(statefulSets.validate(withSpec({ selector: {} })))).toEqual(["FieldValueInvalid spec.selector: empty selector is invalid for statefulset"]);
    expect(
      show(
        statefulSets.validate(
          withSpec({
            replicas: -1,
            podManagementPolicy: "Random",
            updateStrategy: { type: "OnDelete", rollingUpdate: { partition: 0 } },
            volumeClaimTemplates: [{ metadata: { name: "data" }, spec: {} }],
          }),
        ),
      ),
    ).toEqual([
      "FieldValueInvalid spec.podManagementPolicy: must be 'OrderedReady' or 'Parallel'",
      "FieldValueInvalid spec.updateStrategy.rollingUpdate: only allowed for updateStrategy 'RollingUpdate'",
      "FieldValueRequired spec.volumeClaimTemplates[0].spec.accessModes: at least 1 access mode is required",
      "FieldValueRequired spec.volumeClaimTemplates[0].spec.resources[storage]",
      "FieldValueInvalid spec.replicas: must be greater than or equal to 0",
    ]);
    const template = { metadata: { labels: { app: "db" } }, spec: { restartPolicy: "OnFailure", containers: [{ name: "c", image: "x", volumeMounts: [{ name: "logs", mountPath: "/l" }] }] } };
    expect(show(statefulSets.validate(withSpec({ template })))).toEqual([
      "FieldValueNotFound spec.template.spec.containers[0].volumeMounts[0].name",
      'FieldValueNotSupported spec.template.spec.restartPolicy: supported values: "Always"',
    ]);
  });

  it("lets only replicas, template, strategy and a few more change", () => {
    const old = defaulted();
    const next = cloneJson(old);
    spec(next).replicas = 5;
    spec(next).template.spec.containers[0].image = "postgres:18";
    spec(next).updateStrategy = { type: "OnDelete" };
    expect(statefulSets.validateUpdate(next, old)).toEqual([]);
    spec(next).serviceName = "other";
    expect(show(statefulSets.validateUpdate(next, old))).toEqual([
      "FieldValueForbidden spec: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });

  it("prints kube's stateful set row and scales", () => {
    const sts = defaulted();
    sts.metadata.creationTimestamp = "2025-03-01T09:30:00Z";
    sts.status = { replicas: 3, readyReplicas: 2 };
    expect(statefulSets.table.cells(sts, { now })).toEqual(["db", "2/3", "150m", "postgres", "postgres:17"]);
    expect(statefulSets.table.columns.map((c) => c.name)).toEqual(["Name", "Ready", "Age", "Containers", "Images"]);
    expect([statefulSets.scale.specReplicas(sts), statefulSets.scale.statusReplicas(sts), statefulSets.scale.selector(sts)]).toEqual([3, 3, "app=db"]);
  });
});
