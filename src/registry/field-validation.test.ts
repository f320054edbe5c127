import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/object.ts";
import { configMaps } from "../resources/core/configmaps.ts";
import { deployments } from "../resources/apps/deployments.ts";
import type { CreateRequest, FieldValidation, PatchRequest } from "./contract.ts";
import { patchVerdict, writeVerdict } from "./field-validation.ts";

const base = { kind: { group: "", version: "v1", plural: "configmaps" }, namespace: "ns", dryRun: false, user: { name: "u", groups: [] } };
const cm = (extra: Record<string, unknown> = {}): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: "1" }, ...extra });
const create = (body: KubeObject, fieldValidation: FieldValidation): CreateRequest => ({ ...base, op: "create", body, fieldValidation });
const json = (directive: FieldValidation["directive"], duplicates: string[] = []): FieldValidation => ({ directive, format: "json", duplicates });

describe("writeVerdict", () => {
  it("has nothing to say about a clean body, under Ignore, or on internal writes", () => {
    expect(writeVerdict(configMaps, create(cm(), json("Strict")))).toBeUndefined();
    expect(writeVerdict(configMaps, create(cm({ bogus: 1 }), json("Ignore", ["data.a"])))).toBeUndefined();
    expect(writeVerdict(configMaps, { ...base, op: "create", body: cm({ bogus: 1 }) })).toBeUndefined();
  });

  it("refuses under Strict with the 400 kube's decoder gives", () => {
    expect(writeVerdict(configMaps, create(cm({ spec: { foo: 1 } }), json("Strict", ["data.a"])))).toEqual({
      refusal: {
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message: 'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: duplicate field "data.a", unknown field "spec"',
        reason: "BadRequest",
        code: 400,
      },
    });
  });

  it("warns once per error under Warn", () => {
    expect(writeVerdict(configMaps, create(cm({ spec: 1, zzz: 2 }), json("Warn", ["data.a"])))).toEqual({
      warnings: ['duplicate field "data.a"', 'unknown field "spec"', 'unknown field "zzz"'],
    });
  });

  it("puts a YAML body's repeated keys first, as yaml.v2's collected error, and sorts its unknown fields", () => {
    const validation: FieldValidation = { directive: "Strict", format: "yaml", duplicates: ['line 3: key "a" already set in map', 'line 5: key "b" already set in map'] };
    const refused = writeVerdict(configMaps, create(cm({ zzz: 1, aaa: 2 }), validation));
    expect(refused?.refusal?.message).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: yaml: unmarshal errors:\n  line 3: key "a" already set in map\n  line 5: key "b" already set in map, unknown field "aaa", unknown field "zzz"',
    );
    expect(writeVerdict(configMaps, create(cm({ zzz: 1, aaa: 2 }), { ...validation, directive: "Warn" }))).toEqual({
      warnings: ['line 3: key "a" already set in map', 'line 5: key "b" already set in map', 'unknown field "aaa"', 'unknown field "zzz"'],
    });
  });

  it("checks a /scale body against autoscaling/v1 Scale", () => {
    const body: KubeObject = { apiVersion: "autoscaling/v1", kind: "Scale", metadata: { name: "d" }, spec: { replicas: 2, replicaz: 3 } };
    const verdict = writeVerdict(deployments, { ...base, op: "update", name: "d", subresource: "scale", body, fieldValidation: json("Strict") });
    expect(verdict?.refusal?.message).toBe('Scale in version "v1" cannot be handled as a Scale: strict decoding error: unknown field "spec.replicaz"');
  });
});

describe("patchVerdict", () => {
  const patch = (patchType: "merge" | "json", body: unknown, fieldValidation: FieldValidation): PatchRequest => ({
    ...base,
    op: "patch",
    name: "c",
    patchType,
    patch: body,
    fieldValidation,
  });

  it("refuses under Strict with kube's 422 on the patch, showing the patched object", () => {
    const patched = cm({ bogus: true });
    expect(patchVerdict(configMaps, patch("merge", { bogus: true, data: { a: "1" } }, json("Strict", ["data.a"])), patched)).toEqual({
      refusal: {
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message:
          ' "" is invalid: patch: Invalid value: "{\\"apiVersion\\":\\"v1\\",\\"bogus\\":true,\\"data\\":{\\"a\\":\\"1\\"},\\"kind\\":\\"ConfigMap\\",\\"metadata\\":{\\"name\\":\\"c\\"}}": strict decoding error: duplicate field "data.a", unknown field "bogus"',
        reason: "Invalid",
        details: {
          causes: [
            {
              reason: "FieldValueInvalid",
              message:
                'Invalid value: "{\\"apiVersion\\":\\"v1\\",\\"bogus\\":true,\\"data\\":{\\"a\\":\\"1\\"},\\"kind\\":\\"ConfigMap\\",\\"metadata\\":{\\"name\\":\\"c\\"}}": strict decoding error: duplicate field "data.a", unknown field "bogus"',
              field: "patch",
            },
          ],
        },
        code: 422,
      },
    });
  });

  it("checks a JSON patch's operations as kube decodes them", () => {
    const ops = [{ op: "add", path: "/data/b", value: "2", valu: "x" }];
    expect(patchVerdict(configMaps, patch("json", ops, json("Warn", ["[0].op"])), cm())).toEqual({
      warnings: ['json patch duplicate field "[0].op"', 'json patch unknown field "[0].valu"'],
    });
  });

  it("says nothing under Ignore", () => {
    expect(patchVerdict(configMaps, patch("merge", { bogus: 1 }, json("Ignore", ["a"])), cm({ bogus: 1 }))).toBeUndefined();
  });
});
