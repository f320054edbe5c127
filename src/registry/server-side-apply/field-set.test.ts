import { describe, expect, it } from "vitest";
import { deployments } from "../../resources/apps/deployments.ts";
import { compareObjects } from "./compare.ts";
import { FieldSet, keyElement, pathString } from "./field-set.ts";
import { toFieldSet } from "./to-field-set.ts";

const nginx = () => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", labels: { app: "web" } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: "web" } },
    template: {
      metadata: { labels: { app: "web" } },
      spec: { containers: [{ name: "nginx", image: "nginx:1.27", ports: [{ containerPort: 80, protocol: "TCP" }] }] },
    },
  },
});

describe("FieldsV1", () => {
  it("writes an applied Deployment's fields as kube does", () => {
    const { set, errors } = toFieldSet(deployments.schema, nginx());
    expect(errors).toEqual([]);
    expect(JSON.stringify(set.difference(FieldSet.fromPaths([["f:apiVersion"], ["f:kind"], ["f:metadata", "f:name"]])).toFieldsV1())).toBe(
      JSON.stringify({
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
                  "f:ports": { 'k:{"containerPort":80,"protocol":"TCP"}': { ".": {}, "f:containerPort": {}, "f:protocol": {} } },
                },
              },
            },
          },
        },
      }),
    );
  });

  it("reads FieldsV1 back into the same set", () => {
    const fields = { "f:data": { ".": {}, "f:a": {} }, "f:metadata": { "f:finalizers": { 'v:"x"': {} } } };
    const set = FieldSet.fromFieldsV1(fields)!;
    expect(set.toFieldsV1()).toEqual(fields);
    expect(set.paths().map(pathString)).toEqual([".data", ".data.a", '.metadata.finalizers[="x"]']);
  });

  it("orders children as kube does: fields, keys, values, indexes; keys by their fields' names", () => {
    const set = FieldSet.fromPaths([["i:0"], ['v:"b"'], ['v:"a"'], [keyElement({ protocol: "TCP", containerPort: 80 })], ["f:z"], ["f:a"]]);
    expect(Object.keys(set.toFieldsV1())).toEqual(["f:a", "f:z", 'k:{"containerPort":80,"protocol":"TCP"}', 'v:"a"', 'v:"b"', "i:0"]);
  });

  it("prints paths as kube's conflicts do", () => {
    expect(pathString(["f:spec", "f:template", "f:spec", "f:containers", keyElement({ name: "nginx" }), "f:image"])).toBe('.spec.template.spec.containers[name="nginx"].image');
    expect(pathString(["f:ports", keyElement({ containerPort: 80, protocol: "TCP" })])).toBe('.ports[containerPort=80,protocol="TCP"]');
  });

  it("set operations keep members apart from prefixes", () => {
    const a = FieldSet.fromPaths([["f:a", "f:b"], ["f:a", "f:c"], ["f:d"]]);
    const b = FieldSet.fromPaths([["f:a", "f:b"], ["f:a"]]);
    expect(a.difference(b).paths().map(pathString)).toEqual([".a.c", ".d"]);
    expect(a.recursiveDifference(b).paths().map(pathString)).toEqual([".d"]);
    expect(a.intersection(b).paths().map(pathString)).toEqual([".a.b"]);
    expect(a.union(b).paths().map(pathString)).toEqual([".a", ".a.b", ".a.c", ".d"]);
  });

  it("reports fields the schema does not declare, and repeated keys", () => {
    const config = nginx() as Record<string, any>;
    config.spec.replica = 3;
    config.spec.template.spec.containers.push({ name: "nginx", image: "x" });
    expect(toFieldSet(deployments.schema, config).errors.sort()).toEqual([
      ".spec.replica: field not declared in schema",
      '.spec.template.spec.containers: duplicate entries for key [name="nginx"]',
    ]);
  });
});

describe("compare", () => {
  it("finds added, modified and removed fields, new maps and list items as members", () => {
    const before = nginx();
    const after = nginx() as Record<string, any>;
    after.spec.replicas = 3;
    after.metadata.annotations = { note: "x" };
    after.spec.template.spec.containers.push({ name: "sidecar", image: "busybox" });
    delete (after.spec.template.metadata.labels as Record<string, string>).app;
    const cmp = compareObjects(deployments.schema, before, after);
    expect(cmp.modified.paths().map(pathString)).toEqual([".spec.replicas"]);
    expect(cmp.added.paths().map(pathString)).toEqual([
      ".metadata.annotations",
      ".metadata.annotations.note",
      '.spec.template.spec.containers[name="sidecar"]',
      '.spec.template.spec.containers[name="sidecar"].image',
      '.spec.template.spec.containers[name="sidecar"].name',
    ]);
    expect(cmp.removed.paths().map(pathString)).toEqual([".spec.template.metadata.labels.app"]);
  });
});
