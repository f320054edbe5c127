// The documents of the real catalog: what kubectl looks for in them, references that resolve, shapes that
// kube-openapi's v2 parser (kubectl's client-side validation and `explain --output=plaintext-openapiv2`)
// accepts, and output that is the same on every build.

import { describe, expect, it } from "vitest";
import { kinds } from "../../resources/catalog.ts";
import { verbsOf } from "../../resources/definition.ts";
import { openAPIDocuments, openAPIModel } from "./documents.ts";

type Json = Record<string, unknown>;

const docs = openAPIDocuments(kinds);
const v2 = async () => JSON.parse((await docs.v2()).body) as { paths: Record<string, Json>; definitions: Record<string, Json> };
const v3 = async (gv: string) => JSON.parse((await docs.v3(gv))!.body) as { paths: Record<string, Json>; components: { schemas: Record<string, Json> } };

/** Every object in a JSON tree, with its path. */
function* walk(value: unknown, path = "$"): Generator<[string, Json]> {
  if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* walk(v, `${path}[${i}]`);
  else if (value && typeof value === "object") {
    yield [path, value as Json];
    for (const [k, v] of Object.entries(value)) yield* walk(v, `${path}.${k}`);
  }
}

describe("/openapi/v2", () => {
  it("publishes ConfigMap with its GVK, metadata as ObjectMeta, and its list", async () => {
    const { definitions } = await v2();
    const cm = definitions["io.k8s.api.core.v1.ConfigMap"];
    expect(cm["x-kubernetes-group-version-kind"]).toEqual([{ group: "", kind: "ConfigMap", version: "v1" }]);
    expect((cm.properties as Json).metadata).toMatchObject({ $ref: "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" });
    expect((cm.properties as Json).data).toMatchObject({ type: "object", additionalProperties: { type: "string" } });
    const list = definitions["io.k8s.api.core.v1.ConfigMapList"];
    expect(list["x-kubernetes-group-version-kind"]).toEqual([{ group: "", kind: "ConfigMapList", version: "v1" }]);
    expect((list.properties as Json).items).toEqual({ description: "The ConfigMap objects.", type: "array", items: { $ref: "#/definitions/io.k8s.api.core.v1.ConfigMap" } });
    for (const def of kinds) {
      const tagged = Object.values(definitions).filter((d) =>
        (d["x-kubernetes-group-version-kind"] as Json[] | undefined)?.some((g) => g.kind === def.kind && g.group === def.group && g.version === def.version),
      );
      expect(tagged, def.kind).toHaveLength(1);
    }
  });

  it("has fieldValidation on the PATCH of every kind, tagged with the kind", async () => {
    const { paths } = await v2();
    const patch = paths["/api/v1/namespaces/{namespace}/configmaps/{name}"].patch as Json;
    expect(patch.operationId).toBe("patchCoreV1NamespacedConfigMap");
    expect(patch["x-kubernetes-group-version-kind"]).toEqual({ group: "", version: "v1", kind: "ConfigMap" });
    expect(patch.consumes).toEqual(["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml"]);
    expect(patch.parameters).toContainEqual(expect.objectContaining({ name: "fieldValidation", in: "query", type: "string" }));
    for (const def of kinds.filter((d) => verbsOf(d).includes("patch"))) {
      const patches = Object.values(paths)
        .map((p) => p.patch as Json | undefined)
        .filter((op) => op && (op["x-kubernetes-group-version-kind"] as Json).kind === def.kind);
      expect(patches.length, def.kind).toBeGreaterThan(0);
      for (const op of patches) expect((op!.parameters as Json[]).map((p) => p.name), def.kind).toContain("fieldValidation");
    }
  });

  it("resolves every reference and keeps to the shapes kube-openapi's v2 parser accepts", async () => {
    const doc = await v2();
    const problems: string[] = [];
    for (const [path, node] of walk(doc)) {
      const ref = node.$ref;
      if (typeof ref === "string") {
        if (!ref.startsWith("#/definitions/") || !doc.definitions[ref.slice("#/definitions/".length)]) problems.push(`${path}: dangling ${ref}`);
        if (node.type || node.properties) problems.push(`${path}: a reference with a type or properties`);
      }
      if (!path.includes(".properties.") && !path.startsWith("$.definitions.") && !path.includes(".schema")) continue;
      if (node.type === "array" && !node.items) problems.push(`${path}: an array without items`);
      if (Array.isArray(node.type)) problems.push(`${path}: several types`);
      if (typeof node.type === "string" && !["object", "array", "string", "integer", "number", "boolean"].includes(node.type)) problems.push(`${path}: type ${node.type}`);
      if ("oneOf" in node || "anyOf" in node || "allOf" in node) problems.push(`${path}: a v3 combinator`);
    }
    expect(problems).toEqual([]);
  });

  it("publishes loose objects as maps of anything, so kubectl's v2 validation accepts fields they do not model", async () => {
    const { definitions } = await v2();
    const model = openAPIModel(kinds);
    for (const [name, schema] of Object.entries(model.definitions)) {
      if (schema.loose) expect(definitions[name].properties, name).toBeUndefined();
    }
  });
});

describe("/openapi/v3", () => {
  it("lists a document per served group version, by hash", async () => {
    const index = JSON.parse((await docs.v3Index()).body) as { paths: Record<string, { serverRelativeURL: string }> };
    expect(Object.keys(index.paths)).toEqual(
      expect.arrayContaining(["api/v1", "apis/apps/v1", "apis/authentication.k8s.io/v1", "apis/batch/v1", "apis/coordination.k8s.io/v1"]),
    );
    const hash = (await docs.v3("api/v1"))!.etag.slice(1, -1);
    expect(index.paths["api/v1"].serverRelativeURL).toBe(`/openapi/v3/api/v1?hash=${hash}`);
    expect(hash).toMatch(/^[0-9A-F]{128}$/);
    expect(await docs.v3("apis/nope/v1")).toBeUndefined();
  });

  it("has what kubectl looks for: fieldValidation on PATCH tagged with the GVK, and strategic merge patch", async () => {
    const doc = await v3("api/v1");
    const patch = doc.paths["/api/v1/namespaces/{namespace}/configmaps/{name}"].patch as Json;
    expect(patch["x-kubernetes-group-version-kind"]).toEqual({ group: "", version: "v1", kind: "ConfigMap" });
    expect(patch.parameters).toContainEqual({ name: "fieldValidation", in: "query", description: expect.any(String), schema: { type: "string", uniqueItems: true } });
    expect(Object.keys((patch.requestBody as { content: Json }).content)).toContain("application/strategic-merge-patch+json");
    const cm = doc.components.schemas["io.k8s.api.core.v1.ConfigMap"];
    expect(cm["x-kubernetes-group-version-kind"]).toEqual([{ group: "", kind: "ConfigMap", version: "v1" }]);
    expect((cm.properties as Json).metadata).toEqual({
      description: expect.any(String),
      allOf: [{ $ref: "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" }],
    });
  });

  it("publishes scale as autoscaling/v1 Scale, and each document holds every schema it refers to", async () => {
    const apps = await v3("apis/apps/v1");
    const scale = apps.paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"].put as Json;
    expect(scale.operationId).toBe("replaceAppsV1NamespacedDeploymentScale");
    expect(scale["x-kubernetes-group-version-kind"]).toEqual({ group: "autoscaling", version: "v1", kind: "Scale" });
    for (const gv of ["api/v1", "apis/apps/v1", "apis/batch/v1", "apis/coordination.k8s.io/v1"]) {
      const doc = await v3(gv);
      for (const [path, node] of walk(doc)) {
        if (typeof node.$ref !== "string") continue;
        expect(node.$ref.startsWith("#/components/schemas/"), path).toBe(true);
        expect(doc.components.schemas[node.$ref.slice("#/components/schemas/".length)], `${gv} ${path}`).toBeDefined();
      }
    }
  });
});

describe("documents", () => {
  it("are the same bytes on every build", async () => {
    const again = openAPIDocuments(kinds);
    expect((await again.v2()).body).toBe((await docs.v2()).body);
    expect((await again.v2Protobuf()).body).toEqual((await docs.v2Protobuf()).body);
    expect((await again.v3Index()).body).toBe((await docs.v3Index()).body);
    expect((await again.v3("apis/apps/v1"))!.body).toBe((await docs.v3("apis/apps/v1"))!.body);
  });
});
