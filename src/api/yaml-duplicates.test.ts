import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { yamlDuplicateKeys } from "./yaml-duplicates.ts";

const duplicates = (text: string) => yamlDuplicateKeys(parseDocument(text, { uniqueKeys: false }), text);

// The YAML body of kube's field validation integration test; kube reports lines 10, 12 and 26.
const kubeInvalidYaml = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
  labels:
    app: nginx
spec:
  unknown1: val1
  unknownDupe: valDupe
  unknownDupe: valDupe2
  paused: true
  paused: false
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:latest
        unknownNested: val1
        imagePullPolicy: Always
        imagePullPolicy: Never`;

describe("yamlDuplicateKeys", () => {
  it("words the repeats of kube's integration test as yaml.v2 does", () => {
    expect(duplicates(kubeInvalidYaml)).toEqual([
      'line 10: key "unknownDupe" already set in map',
      'line 12: key "paused" already set in map',
      'line 26: key "imagePullPolicy" already set in map',
    ]);
  });

  it("finds nothing when no mapping repeats a key", () => {
    expect(duplicates("a: 1\nb:\n  a: 1\nc:\n- a: 1\n- a: 2\n")).toEqual([]);
  });

  it("gives the line of the repeated key's value, and a value's own repeats first", () => {
    expect(duplicates("spec:\n  a: 1\nspec:\n  b: 1\n  b: 2\n")).toEqual(['line 5: key "b" already set in map', 'line 4: key "spec" already set in map']);
  });

  it("prints keys that are not strings as Go does", () => {
    expect(duplicates("1: a\n1: b\ntrue: x\ntrue: y\n")).toEqual(["line 2: key 1 already set in map", "line 4: key true already set in map"]);
  });

  it("keeps the last value, as kube's lenient conversion does", () => {
    expect(parseDocument("a: 1\na: 2\n", { uniqueKeys: false }).toJS()).toEqual({ a: 2 });
  });
});
