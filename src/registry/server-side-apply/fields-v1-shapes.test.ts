// The managedFields a v1.35 cluster records for everyday writes, entry for entry: where FieldsV1 says "." and
// where it does not, for Update managers (kubectl create) and appliers (kubectl apply --server-side).

import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/object.ts";
import { deployments } from "../../resources/apps/deployments.ts";
import { configMaps } from "../../resources/core/configmaps.ts";
import { services } from "../../resources/core/services.ts";
import type { KindDefinition } from "../../resources/definition.ts";
import { applyConfiguration, recordUpdate } from "./field-manager.ts";

const now = new Date("2026-01-02T03:04:05Z");
type Kind = Pick<KindDefinition, "schema" | "status" | "applyDefaults">;

/** A create as kube runs it: the body defaulted, then recorded as an update from nothing. */
function created(def: Kind, body: KubeObject, manager: string, apiVersion: string): KubeObject {
  const obj = structuredClone(body);
  def.applyDefaults?.(obj);
  obj.metadata.managedFields = recordUpdate(def, undefined, obj, { manager, apiVersion, now });
  return obj;
}

function applied(def: Kind, live: KubeObject | undefined, config: KubeObject, manager: string, apiVersion: string, force = false): KubeObject {
  const result = applyConfiguration(def, live, config, { manager, apiVersion, now, force, describe: "ns/x" });
  if (!result.ok) throw new Error(JSON.stringify(result.status));
  const obj = result.object;
  def.applyDefaults?.(obj);
  return obj;
}

const fieldsOf = (obj: KubeObject, manager: string) => (obj.metadata.managedFields as any[]).find((e) => e.manager === manager)?.fieldsV1;

const nginxCreate = (): KubeObject =>
  ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "nginx", labels: { app: "nginx" } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: "nginx" } },
      template: { metadata: { labels: { app: "nginx" } }, spec: { containers: [{ name: "nginx", image: "nginx", resources: {} }] } },
      strategy: {},
    },
    status: {},
  }) as KubeObject;

const nginxManifest = (image = "nginx:1.27"): KubeObject =>
  ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "nginx", labels: { app: "nginx" } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "nginx" } },
      template: { metadata: { labels: { app: "nginx" } }, spec: { containers: [{ name: "nginx", image, ports: [{ containerPort: 80 }] }] } },
    },
  }) as KubeObject;

describe("FieldsV1 as a cluster records it", () => {
  it("kubectl create deployment: maps, new pointer structs and list items get '.', spec, template and containers do not", () => {
    const obj = created(deployments, nginxCreate(), "kubectl-create", "apps/v1");
    expect(fieldsOf(obj, "kubectl-create")).toEqual({
      "f:metadata": { "f:labels": { ".": {}, "f:app": {} } },
      "f:spec": {
        "f:progressDeadlineSeconds": {},
        "f:replicas": {},
        "f:revisionHistoryLimit": {},
        "f:selector": {},
        "f:strategy": { "f:rollingUpdate": { ".": {}, "f:maxSurge": {}, "f:maxUnavailable": {} }, "f:type": {} },
        "f:template": {
          "f:metadata": { "f:labels": { ".": {}, "f:app": {} } },
          "f:spec": {
            "f:containers": {
              'k:{"name":"nginx"}': {
                ".": {},
                "f:image": {},
                "f:imagePullPolicy": {},
                "f:name": {},
                "f:resources": {},
                "f:terminationMessagePath": {},
                "f:terminationMessagePolicy": {},
              },
            },
            "f:dnsPolicy": {},
            "f:restartPolicy": {},
            "f:schedulerName": {},
            "f:securityContext": {},
            "f:terminationGracePeriodSeconds": {},
          },
        },
      },
    });
  });

  it("kubectl apply --server-side of a Deployment: only list items get '.'; then it conflicts with kubectl-create on the replicas", () => {
    const live = created(deployments, nginxCreate(), "kubectl-create", "apps/v1");
    const config = nginxManifest();
    const refused = applyConfiguration(deployments, live, config, { manager: "kubectl", apiVersion: "apps/v1", now, force: false, describe: "ns/nginx" });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.status.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl-create" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image',
    );
    const obj = applied(deployments, live, config, "kubectl", "apps/v1", true);
    expect(fieldsOf(obj, "kubectl")).toEqual({
      "f:metadata": { "f:labels": { "f:app": {} } },
      "f:spec": {
        "f:replicas": {},
        "f:selector": {},
        "f:template": {
          "f:metadata": { "f:labels": { "f:app": {} } },
          "f:spec": {
            "f:containers": {
              'k:{"name":"nginx"}': {
                ".": {},
                "f:image": {},
                "f:name": {},
                "f:ports": { 'k:{"containerPort":80,"protocol":"TCP"}': { ".": {}, "f:containerPort": {} } },
              },
            },
          },
        },
      },
    });
    // What changed hands left kubectl-create; the rest it keeps.
    const create = fieldsOf(obj, "kubectl-create");
    expect(create["f:spec"]["f:replicas"]).toBeUndefined();
    expect(create["f:spec"]["f:template"]["f:spec"]["f:containers"]['k:{"name":"nginx"}']).toEqual({
      ".": {},
      "f:imagePullPolicy": {},
      "f:name": {},
      "f:resources": {},
      "f:terminationMessagePath": {},
      "f:terminationMessagePolicy": {},
    });
  });

  it("ConfigMap: an update owns data's '.', an applier does not", () => {
    const cm = (data: Record<string, string>): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm" }, data });
    expect(fieldsOf(created(configMaps, cm({ a: "1" }), "kubectl-create", "v1"), "kubectl-create")).toEqual({ "f:data": { ".": {}, "f:a": {} } });
    expect(fieldsOf(applied(configMaps, undefined, cm({ a: "1" }), "kubectl", "v1"), "kubectl")).toEqual({ "f:data": { "f:a": {} } });
  });

  it("Service: ports keyed by port and protocol, the list and its items with '.' for an update", () => {
    const svc = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web", labels: { app: "web" } },
      spec: { ports: [{ name: "80-80", port: 80, protocol: "TCP", targetPort: 80 }], selector: { app: "web" }, type: "ClusterIP" },
    } as KubeObject;
    const fields = fieldsOf(created(services as Kind, svc, "kubectl-create", "v1"), "kubectl-create");
    expect(fields["f:spec"]["f:ports"]).toEqual({
      ".": {},
      'k:{"port":80,"protocol":"TCP"}': { ".": {}, "f:name": {}, "f:port": {}, "f:protocol": {}, "f:targetPort": {} },
    });
    expect(fields["f:spec"]["f:selector"]).toEqual({});
    const manifest = { ...svc, spec: { ports: [{ port: 443, targetPort: 8443 }], selector: { app: "web" } } } as KubeObject;
    expect(fieldsOf(applied(services as Kind, undefined, manifest, "kubectl", "v1"), "kubectl")["f:spec"]).toEqual({
      "f:ports": { 'k:{"port":443,"protocol":"TCP"}': { ".": {}, "f:port": {}, "f:targetPort": {} } },
      "f:selector": {},
    });
  });

  it("an empty object applied is owned itself, and a map of objects marks each entry", () => {
    const obj = applied(deployments, undefined, { ...nginxManifest(), spec: { ...(nginxManifest().spec as object), strategy: {} } } as KubeObject, "kubectl", "apps/v1");
    expect(fieldsOf(obj, "kubectl")["f:spec"]["f:strategy"]).toEqual({});
  });
});

describe("what '.' means when an applier drops something", () => {
  const withSidecar = (): KubeObject => {
    const config = nginxManifest() as any;
    config.spec.template.spec.containers.push({ name: "sidecar", image: "busybox" });
    return config;
  };
  const containers = (obj: KubeObject) => (obj as any).spec.template.spec.containers.map((c: any) => c.name);

  it("removes a list item the applier owned and no one else does", () => {
    const first = applied(deployments, undefined, withSidecar(), "kubectl", "apps/v1");
    expect(containers(first)).toEqual(["nginx", "sidecar"]);
    const second = applied(deployments, first, nginxManifest(), "kubectl", "apps/v1");
    expect(containers(second)).toEqual(["nginx"]);
  });

  it("keeps an item another manager owns, and only its unowned fields go", () => {
    const first = applied(deployments, undefined, withSidecar(), "kubectl", "apps/v1");
    const both = applied(deployments, first, { ...withSidecar(), spec: { template: { spec: { containers: [{ name: "sidecar", image: "busybox" }] } } } } as KubeObject, "other", "apps/v1");
    const second = applied(deployments, both, nginxManifest(), "kubectl", "apps/v1");
    expect(containers(second)).toEqual(["nginx", "sidecar"]);
    expect(fieldsOf(second, "kubectl")["f:spec"]["f:template"]["f:spec"]["f:containers"]['k:{"name":"sidecar"}']).toBeUndefined();
  });

  it("removes a map no one owns anything in any more, with what no manager recorded in it", () => {
    const first = applied(configMaps, undefined, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm", labels: { a: "1" } }, data: { k: "v" } }, "kubectl", "v1");
    (first.metadata.labels as Record<string, string>).unrecorded = "x";
    const second = applied(configMaps, first, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm" }, data: { k: "v" } }, "kubectl", "v1");
    expect(second.metadata.labels).toBeUndefined();
    expect(second.metadata.name).toBe("cm");
    // Had another manager owned one of its keys, the map and that key would stay.
    const shared = applied(configMaps, first, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm", labels: { b: "2" } } }, "other", "v1");
    const third = applied(configMaps, shared, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm" }, data: { k: "v" } }, "kubectl", "v1");
    expect(third.metadata.labels).toEqual({ unrecorded: "x", b: "2" });
  });
});
