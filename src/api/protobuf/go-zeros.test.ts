import { describe, expect, it } from "vitest";
import { deployments } from "../../resources/apps/deployments.ts";
import { persistentVolumeClaims } from "../../resources/core/persistentvolumeclaims.ts";
import { pods } from "../../resources/core/pods.ts";
import { services } from "../../resources/core/services.ts";
import { decodeMessage, encodeMessage } from "./codec.ts";
import { dropGoZeros } from "./go-zeros.ts";

const parse = (def: { schema: { parse(x: unknown): unknown } }, body: unknown) => def.schema.parse(body) as Record<string, any>;

describe("dropGoZeros: what Go's JSON leaves out of a JSON body", () => {
  it("drops the zeros of omitempty fields at every depth, and keeps zeros that are values", () => {
    const body = parse(deployments, {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "d", namespace: "" },
      spec: {
        paused: false,
        minReadySeconds: 0,
        replicas: 0,
        selector: { matchLabels: { a: "b" } },
        template: {
          metadata: { labels: { a: "b" } },
          spec: {
            nodeName: "",
            containers: [{ name: "c", image: "nginx", workingDir: "", ports: [{ containerPort: 80, hostPort: 0, name: "" }], stdin: false }],
            volumes: [{ name: "v", emptyDir: { medium: "" } }],
          },
        },
      },
    });
    dropGoZeros(body, deployments.schema);
    expect(body.metadata).toEqual({ name: "d" });
    expect(body.spec).not.toHaveProperty("paused");
    expect(body.spec).not.toHaveProperty("minReadySeconds");
    expect(body.spec.replicas).toBe(0); // a pointer: zero replicas is a value
    const spec = body.spec.template.spec;
    expect(spec).not.toHaveProperty("nodeName");
    expect(spec.containers[0]).toEqual({ name: "c", image: "nginx", ports: [{ containerPort: 80 }] });
    expect(spec.volumes[0]).toEqual({ name: "v", emptyDir: {} });
  });

  it("keeps the empty strings Go writes: pointer strings and strings without omitempty", () => {
    const claim = parse(persistentVolumeClaims, { metadata: { name: "c" }, spec: { storageClassName: "", volumeName: "" } });
    dropGoZeros(claim, persistentVolumeClaims.schema);
    expect(claim.spec).toEqual({ storageClassName: "" }); // "" asks for no class; volumeName "" is nothing
    const pod = parse(pods, { metadata: { name: "p" }, spec: { containers: [{ name: "c" }] }, status: { conditions: [{ type: "Ready", status: "", reason: "" }] } });
    dropGoZeros(pod, pods.schema);
    expect(pod.status.conditions).toEqual([{ type: "Ready", status: "" }]);
  });

  it("keeps map values and list items whatever they are", () => {
    const svc = parse(services, { metadata: { name: "s", labels: { empty: "" } }, spec: { selector: { a: "" }, externalIPs: [""], ports: [{ port: 80, name: "" }] } });
    dropGoZeros(svc, services.schema);
    expect(svc.metadata.labels).toEqual({ empty: "" });
    expect(svc.spec).toEqual({ selector: { a: "" }, externalIPs: [""], ports: [{ port: 80 }] });
  });
});

describe("protobuf bodies keep the same empty strings", () => {
  it("decodes a claim's storageClassName \"\" as \"\", and drops an empty omitempty string", () => {
    const json = { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "c" }, spec: { storageClassName: "", volumeName: "" } };
    const bytes = encodeMessage(json, persistentVolumeClaims.schema, { topLevel: true });
    const decoded = decodeMessage(bytes, persistentVolumeClaims.schema, { topLevel: true, omitEmpty: true });
    expect(decoded.ok && decoded.value.spec).toEqual({ storageClassName: "" });
  });
});
