// Strategic merge patch on a Deployment, with the merge rules read from the Deployment's own schema: the
// patches kubectl sends (set image, apply's three-way patch, edit) and the directives people write by hand.
import { describe, expect, it } from "vitest";
import { scale } from "../../resources/object-meta-schema.ts";
import { deployments } from "../../resources/apps/deployments.ts";
import { applyStrategicMergePatch } from "../strategic-merge-patch.ts";
import { schemaPatchMeta } from "./schema-patch-meta.ts";

type JsonMap = Record<string, unknown>;

function deployment(): JsonMap {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name: "web",
      labels: { app: "web", tier: "front" },
      finalizers: ["example.com/a", "example.com/b"],
      ownerReferences: [{ apiVersion: "v1", kind: "ConfigMap", name: "owner", uid: "u1" }],
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "web" } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: {
          containers: [
            {
              name: "nginx",
              image: "nginx:1.27",
              args: ["-g", "daemon off;"],
              env: [
                { name: "A", value: "1" },
                { name: "B", value: "2" },
              ],
              ports: [{ containerPort: 80, protocol: "TCP", name: "http" }],
            },
            { name: "sidecar", image: "busybox" },
          ],
          volumes: [{ name: "data", emptyDir: {} }],
          tolerations: [{ key: "a", operator: "Exists" }],
        },
      },
    },
  };
}

const meta = schemaPatchMeta(deployments.schema);
const patch = (p: JsonMap, original = deployment()) => applyStrategicMergePatch(original, p, meta);
const podSpec = (obj: JsonMap) => ((obj.spec as JsonMap).template as JsonMap).spec as JsonMap;
const containers = (obj: JsonMap) => podSpec(obj).containers as JsonMap[];

describe("the Deployment schema's merge rules", () => {
  it("reads patchStrategy and patchMergeKey through wrappers, ObjectMeta included", () => {
    const spec = meta.field("spec").meta.field("template").meta.field("spec");
    expect(spec.meta.field("containers")).toMatchObject({ strategies: ["merge"], mergeKey: "name" });
    expect(spec.meta.field("volumes")).toMatchObject({ strategies: ["merge", "retainKeys"], mergeKey: "name" });
    expect(spec.meta.field("containers").meta.field("ports")).toMatchObject({ strategies: ["merge"], mergeKey: "containerPort" });
    expect(spec.meta.field("tolerations")).toMatchObject({ strategies: [], mergeKey: "" });
    expect(meta.field("spec").meta.field("strategy")).toMatchObject({ strategies: ["retainKeys"] });
    expect(meta.field("metadata").meta.field("finalizers")).toMatchObject({ strategies: ["merge"], mergeKey: "" });
    expect(meta.field("metadata").meta.field("ownerReferences")).toMatchObject({ strategies: ["merge"], mergeKey: "uid" });
    expect(meta.field("nonsense").meta.field("deeper")).toMatchObject({ strategies: [], mergeKey: "" });
  });

  it("sets one container's image as kubectl set image does, leaving the rest alone", () => {
    const out = patch({ spec: { template: { spec: { "$setElementOrder/containers": [{ name: "nginx" }, { name: "sidecar" }], containers: [{ image: "nginx:1.28", name: "nginx" }] } } } });
    expect(containers(out).map((c) => [c.name, c.image])).toEqual([
      ["nginx", "nginx:1.28"],
      ["sidecar", "busybox"],
    ]);
    expect(containers(out)[0].env).toEqual(deployment().spec && containers(deployment())[0].env);
  });

  it("merges env by name and ports by containerPort; replaces args and tolerations", () => {
    const out = patch({
      spec: {
        template: {
          spec: {
            containers: [{ name: "nginx", args: ["-v"], env: [{ name: "B", value: "3" }, { name: "C", value: "4" }], ports: [{ containerPort: 80, name: "web" }, { containerPort: 443 }] }],
            tolerations: [{ key: "b", operator: "Exists" }],
          },
        },
      },
    });
    const nginx = containers(out)[0];
    expect(nginx.args).toEqual(["-v"]);
    expect(nginx.env).toEqual([
      { name: "A", value: "1" },
      { name: "B", value: "3" },
      { name: "C", value: "4" },
    ]);
    expect(nginx.ports).toEqual([
      { containerPort: 80, protocol: "TCP", name: "web" },
      { containerPort: 443 },
    ]);
    expect(podSpec(out).tolerations).toEqual([{ key: "b", operator: "Exists" }]);
  });

  it("deletes a container with $patch: delete and an env var with null fields", () => {
    const out = patch({ spec: { template: { spec: { containers: [{ name: "sidecar", $patch: "delete" }, { name: "nginx", env: [{ name: "A", $patch: "delete" }] }] } } } });
    expect(containers(out).map((c) => c.name)).toEqual(["nginx"]);
    expect(containers(out)[0].env).toEqual([{ name: "B", value: "2" }]);
  });

  it("reorders containers with $setElementOrder", () => {
    const out = patch({ spec: { template: { spec: { "$setElementOrder/containers": [{ name: "sidecar" }, { name: "nginx" }] } } } });
    expect(containers(out).map((c) => c.name)).toEqual(["sidecar", "nginx"]);
  });

  it("switches a volume's source with $retainKeys, and the strategy's type the same way", () => {
    const out = patch({
      spec: {
        strategy: { $retainKeys: ["type"], type: "Recreate" },
        template: { spec: { volumes: [{ name: "data", $retainKeys: ["configMap", "name"], configMap: { name: "settings", items: [{ key: "a", path: "a" }] } }] } },
      },
    });
    expect((out.spec as JsonMap).strategy).toEqual({ type: "Recreate" });
    expect(podSpec(out).volumes).toEqual([{ name: "data", configMap: { name: "settings", items: [{ key: "a", path: "a" }] } }]);
    const again = patch({ spec: { template: { spec: { volumes: [{ name: "data", configMap: { items: [{ key: "b", path: "b" }] } }] } } } }, out);
    expect(podSpec(again).volumes).toEqual([{ name: "data", configMap: { name: "settings", items: [{ key: "b", path: "b" }] } }]);
  });

  it("merges finalizers as a set, deletes with $deleteFromPrimitiveList, and merges ownerReferences by uid", () => {
    const out = patch({
      metadata: {
        labels: { tier: null, team: "a" },
        finalizers: ["example.com/c"],
        "$deleteFromPrimitiveList/finalizers": ["example.com/a"],
        ownerReferences: [{ uid: "u1", controller: true }],
      },
    });
    const metadata = out.metadata as JsonMap;
    expect(metadata.labels).toEqual({ app: "web", team: "a" });
    expect(metadata.finalizers).toEqual(["example.com/c", "example.com/b"]); // a value new to the list goes first, as in kube
    expect(metadata.ownerReferences).toEqual([{ apiVersion: "v1", kind: "ConfigMap", name: "owner", uid: "u1", controller: true }]);
  });

  it("applies kubectl apply's three-way patch: a removed field goes, others' fields stay", () => {
    const live = deployment();
    containers(live)[0].resources = { limits: { cpu: "1" } }; // set by someone else
    const out = patch(
      {
        metadata: { annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{}" } },
        spec: {
          replicas: 3,
          template: {
            spec: {
              "$setElementOrder/containers": [{ name: "nginx" }, { name: "sidecar" }],
              containers: [{ name: "nginx", "$setElementOrder/env": [{ name: "A" }], env: [{ name: "B", $patch: "delete" }], args: null }],
            },
          },
        },
      },
      live,
    );
    const nginx = containers(out)[0];
    expect(nginx.env).toEqual([{ name: "A", value: "1" }]);
    expect(nginx.args).toBeUndefined();
    expect(nginx.resources).toEqual({ limits: { cpu: "1" } });
    expect((out.spec as JsonMap).replicas).toBe(3);
  });

  it("patches a Scale with the Scale schema", () => {
    const s = { apiVersion: "autoscaling/v1", kind: "Scale", metadata: { name: "web" }, spec: { replicas: 2 }, status: { replicas: 2 } };
    expect(applyStrategicMergePatch(s, { spec: { replicas: 5 } }, schemaPatchMeta(scale))).toEqual({ ...s, spec: { replicas: 5 } });
  });
});
