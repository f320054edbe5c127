import { describe, expect, it } from "vitest";
import { joinFieldPath, jsonDuplicateFields } from "./json-duplicates.ts";

// The body of kube's own field validation integration test (test/integration/apiserver/field_validation_test.go).
const kubeInvalidBody = `{
  "apiVersion": "apps/v1",
  "kind": "Deployment",
  "metadata": { "name": "d", "labels": {"app": "nginx"} },
  "spec": {
    "unknown1": "val1",
    "unknownDupe": "valDupe",
    "unknownDupe": "valDupe2",
    "paused": true,
    "paused": false,
    "selector": { "matchLabels": { "app": "nginx" } },
    "template": {
      "metadata": { "labels": { "app": "nginx" } },
      "spec": {
        "containers": [{
          "name":  "nginx",
          "image": "nginx:latest",
          "unknownNested": "val1",
          "imagePullPolicy": "Always",
          "imagePullPolicy": "Never"
        }]
      }
    }
  }
}`;

describe("jsonDuplicateFields", () => {
  it("finds nothing in a text without repeats", () => {
    expect(jsonDuplicateFields('{"a":1,"b":{"a":2},"c":[{"a":1},{"a":2}]}')).toEqual([]);
    expect(jsonDuplicateFields("[1, 2, 3]")).toEqual([]);
    expect(jsonDuplicateFields('"just a string"')).toEqual([]);
  });

  it("gives kube's paths for the repeats of its integration test, in document order", () => {
    expect(jsonDuplicateFields(kubeInvalidBody)).toEqual(["spec.unknownDupe", "spec.paused", "spec.template.spec.containers[0].imagePullPolicy"]);
  });

  it("joins map keys with dots and array positions with brackets", () => {
    expect(jsonDuplicateFields('{"data":{"a":"1","a":"2"}}')).toEqual(["data.a"]);
    expect(jsonDuplicateFields('{"a":[[1],[{"x":1,"x":2}]]}')).toEqual(["a[1][0].x"]);
    expect(jsonDuplicateFields('{"a":1,"a":2}')).toEqual(["a"]);
  });

  it("names each repeated path once, however often it repeats", () => {
    expect(jsonDuplicateFields('{"a":1,"a":2,"a":3,"b":1,"b":2}')).toEqual(["a", "b"]);
  });

  it("is not misled by strings holding quotes, escapes, braces and commas", () => {
    expect(jsonDuplicateFields('{"a":"x,{\\"b\\":1}","b":1,"c":"\\\\","c":"}]"}')).toEqual(["c"]);
    expect(jsonDuplicateFields('{"s":"\\\\\\"","t":1}')).toEqual([]);
  });

  it("compares keys by their decoded value", () => {
    expect(jsonDuplicateFields('{"ab":1,"a\\u0062":2}')).toEqual(["ab"]);
    expect(jsonDuplicateFields('{"a\\"b":1,"a\\u0022b":2}')).toEqual(['a"b']);
  });

  it("tolerates whitespace everywhere", () => {
    expect(jsonDuplicateFields(' {\n "a" : [ 1 , { "b" : 1 ,\t"b" : 2 } ] \n} ')).toEqual(["a[1].b"]);
  });

  it("builds paths as kube's strict decoder does", () => {
    expect(joinFieldPath("", "spec")).toBe("spec");
    expect(joinFieldPath("spec", "containers")).toBe("spec.containers");
    expect(joinFieldPath("spec.containers", 0)).toBe("spec.containers[0]");
    expect(joinFieldPath("", 2)).toBe("[2]");
  });
});
