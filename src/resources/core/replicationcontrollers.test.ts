import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/object.ts";
import { errorLines, parsedAs } from "./kind-objects.test-support.ts";
import { replicationControllers as rcs } from "./replicationcontrollers.ts";

const now = new Date("2025-03-01T12:00:00Z");

const manifest = {
  apiVersion: "v1",
  kind: "ReplicationController",
  metadata: { name: "web", namespace: "shop" },
  spec: {
    replicas: 3,
    minReadySeconds: 5,
    template: {
      metadata: { labels: { app: "web", tier: "front" } },
      spec: { containers: [{ name: "web", image: "nginx:1.27" }, { name: "log", image: "busybox" }] },
    },
  },
};

const parse = (body: unknown) => parsedAs(rcs, body);

function created(body: unknown = manifest): KubeObject {
  const obj = parse(body);
  rcs.applyDefaults(obj);
  rcs.prepareForCreate(obj);
  return obj;
}

const withSpec = (patch: Record<string, unknown>) => created({ ...manifest, spec: { ...manifest.spec, ...patch } });
const show = errorLines;
const spec = (obj: KubeObject) => obj.spec as Record<string, any>;

describe("replicationcontrollers", () => {
  it("has kube's names, in the all category", () => {
    expect([rcs.plural, rcs.singular, rcs.shortNames, rcs.categories]).toEqual(["replicationcontrollers", "replicationcontroller", ["rc"], ["all"]]);
  });

  it("keeps every field of a real manifest", () => {
    expect(parse(manifest)).toEqual(manifest);
  });

  it("defaults the selector and its own labels from the template's, and the template as other workloads", () => {
    const rc = created();
    expect(spec(rc).selector).toEqual({ app: "web", tier: "front" });
    expect(rc.metadata.labels).toEqual({ app: "web", tier: "front" });
    expect(spec(rc).template.spec).toMatchObject({ restartPolicy: "Always", dnsPolicy: "ClusterFirst", terminationGracePeriodSeconds: 30 });
    expect(spec(rc).template.spec.containers[0]).toMatchObject({ imagePullPolicy: "IfNotPresent", terminationMessagePath: "/dev/termination-log" });
    expect(rc.status).toEqual({ replicas: 0 });
    expect(rcs.validate(rc)).toEqual([]);
    const own = created({ ...manifest, metadata: { ...manifest.metadata, labels: { owner: "me" } }, spec: { ...manifest.spec, selector: { app: "web" }, replicas: undefined } });
    expect([own.metadata.labels, spec(own).selector, spec(own).replicas]).toEqual([{ owner: "me" }, { app: "web" }, 1]);
  });

  it("rejects what kube rejects", () => {
    expect(show(rcs.validate(created({ ...manifest, spec: { replicas: 1 } })))).toEqual(["FieldValueRequired spec.selector", "FieldValueRequired spec.template"]);
    expect(show(rcs.validate(withSpec({ replicas: -1, minReadySeconds: -2, selector: { app: "db" } })))).toEqual([
      "FieldValueInvalid spec.minReadySeconds: must be greater than or equal to 0",
      "FieldValueInvalid spec.replicas: must be greater than or equal to 0",
      "FieldValueInvalid spec.template.metadata.labels: `selector` does not match template `labels`",
    ]);
    const template = { ...manifest.spec.template, spec: { ...manifest.spec.template.spec, restartPolicy: "OnFailure", activeDeadlineSeconds: 10 } };
    expect(show(rcs.validate(withSpec({ template })))).toEqual([
      'FieldValueNotSupported spec.template.spec.restartPolicy: supported values: "Always"',
      "FieldValueForbidden spec.template.spec.activeDeadlineSeconds: activeDeadlineSeconds in ReplicationController is not Supported",
    ]);
    const rc = created();
    rc.status = { replicas: 1, readyReplicas: 2, availableReplicas: 3 };
    expect(show(rcs.validate(rc))).toEqual([
      "FieldValueInvalid status.readyReplicas: cannot be greater than status.replicas",
      "FieldValueInvalid status.availableReplicas: cannot be greater than status.replicas",
      "FieldValueInvalid status.availableReplicas: cannot be greater than readyReplicas",
    ]);
  });

  it("lets the selector change, unlike a ReplicaSet's", () => {
    expect(rcs.generationFields).toEqual(["spec"]);
    expect("validateUpdate" in rcs).toBe(false);
  });

  it("scales through autoscaling/v1 with the selector as a string", () => {
    const rc = created();
    rc.status = { replicas: 2 };
    expect([rcs.scale.specReplicas(rc), rcs.scale.statusReplicas(rc), rcs.scale.selector(rc)]).toEqual([3, 2, "app=web,tier=front"]);
    rcs.scale.setSpecReplicas(rc, 5);
    expect(spec(rc).replicas).toBe(5);
  });

  it("prints kube's columns, with containers, images and selector when wide", () => {
    const rc = created();
    rc.metadata.creationTimestamp = "2025-03-01T11:59:30Z";
    rc.status = { replicas: 3, readyReplicas: 2 };
    expect(rcs.table.columns.map((c) => `${c.name}${c.priority ? "*" : ""}`)).toEqual(["Name", "Desired", "Current", "Ready", "Age", "Containers*", "Images*", "Selector*"]);
    expect(rcs.table.cells(rc, { now })).toEqual(["web", 3, 3, 2, "30s", "web,log", "nginx:1.27,busybox", "app=web,tier=front"]);
    expect(rcs.fieldSelectors["status.replicas"](rc)).toBe("3");
  });
});
