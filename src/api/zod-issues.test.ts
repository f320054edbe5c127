import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrorText } from "./field-errors.ts";
import { fieldErrorsFromZod, kubeFieldPath } from "./zod-issues.ts";

const container = z.object({
  name: z.string().min(1),
  image: z.string().regex(/^\S+$/, { message: "must not contain spaces" }),
  imagePullPolicy: z.enum(["Always", "IfNotPresent", "Never"]).optional(),
  ports: z.array(z.object({ containerPort: z.int32().min(1).max(65535) })).optional(),
});

const schema = z.object({
  spec: z.object({
    replicas: z.number().int().min(0).optional(),
    containers: z.array(container).max(2),
    paused: z.boolean().optional(),
    port: z.union([z.number().int(), z.string()]).optional(),
    env: z.record(z.string(), z.string()).optional(),
    selector: z.record(z.string(), z.string()).optional(),
    strategy: z.discriminatedUnion("type", [z.object({ type: z.literal("Recreate") }), z.object({ type: z.literal("RollingUpdate"), maxSurge: z.number() })]).optional(),
  }),
  data: z.record(z.string().regex(/^[-._a-zA-Z0-9]+$/, { message: "a valid config key must consist of alphanumeric characters, '-', '_' or '.'" }), z.string()).optional(),
});

function errors(input: unknown, opts: { reportInput?: boolean; withSchema?: boolean; root?: string } = {}): string[] {
  const result = schema.safeParse(input, { reportInput: opts.reportInput ?? true });
  if (result.success) return [];
  return fieldErrorsFromZod(result.error, opts.root, opts.withSchema === false ? {} : { schema }).map(fieldErrorText);
}

const okContainer = { name: "web", image: "nginx" };

describe("fieldErrorsFromZod", () => {
  it("reports a missing value as Required, with kube's path", () => {
    expect(errors({ spec: { containers: [{ name: "web" }] } })).toEqual(["spec.containers[0].image: Required value"]);
    expect(errors({})).toEqual(["spec: Required value"]);
  });

  it("knows a missing value without reportInput too", () => {
    expect(errors({ spec: { containers: [{ name: "web" }] } }, { reportInput: false })).toEqual(["spec.containers[0].image: Required value"]);
  });

  it("reports an empty required string or list as Required", () => {
    expect(errors({ spec: { containers: [{ name: "", image: "x" }] } })).toEqual(["spec.containers[0].name: Required value"]);
  });

  it("reports a value of the wrong type as Invalid", () => {
    expect(errors({ spec: { containers: [okContainer], replicas: "3", paused: "yes" } })).toEqual([
      'spec.replicas: Invalid value: "3": must be of type integer',
      'spec.paused: Invalid value: "yes": must be of type boolean',
    ]);
    expect(errors({ spec: { containers: [okContainer], replicas: "3" } }, { withSchema: false })).toEqual([
      'spec.replicas: Invalid value: "3": must be of type number',
    ]);
    expect(errors({ spec: { containers: [okContainer], replicas: 1.5 } })).toEqual(["spec.replicas: Invalid value: 1.5: must be of type integer"]);
  });

  it("names every type of a union", () => {
    expect(errors({ spec: { containers: [okContainer], port: true } })).toEqual(["spec.port: Invalid value: true: must be of type integer or string"]);
  });

  it("reports enum mismatches as Unsupported with the supported values", () => {
    expect(errors({ spec: { containers: [{ ...okContainer, imagePullPolicy: "Sometimes" }] } })).toEqual([
      'spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
    ]);
    expect(errors({ spec: { containers: [okContainer], strategy: { type: "BlueGreen" } } })).toEqual([
      'spec.strategy.type: Unsupported value: "BlueGreen": supported values: "Recreate", "RollingUpdate"',
    ]);
  });

  it("reports the closest branch of a union of objects", () => {
    expect(errors({ spec: { containers: [okContainer], strategy: { type: "RollingUpdate" } } })).toEqual(["spec.strategy.maxSurge: Required value"]);
  });

  it("reports bounds in kube's words", () => {
    expect(errors({ spec: { containers: [okContainer], replicas: -1 } })).toEqual(["spec.replicas: Invalid value: -1: must be greater than or equal to 0"]);
    expect(errors({ spec: { containers: [{ ...okContainer, ports: [{ containerPort: 70000 }] }] } })).toEqual([
      "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be less than or equal to 65535",
    ]);
    expect(errors({ spec: { containers: [okContainer, okContainer, okContainer] } })).toEqual(["spec.containers: Too many: 3: must have at most 2 items"]);
    const short = z.object({ name: z.string().max(5) }).safeParse({ name: "toolong" }, { reportInput: true });
    expect(fieldErrorsFromZod(short.error!).map(fieldErrorText)).toEqual(["name: Too long: may not be more than 5 bytes"]);
  });

  it("uses a regex's own message", () => {
    expect(errors({ spec: { containers: [{ name: "web", image: "my image" }] } })).toEqual([
      'spec.containers[0].image: Invalid value: "my image": must not contain spaces',
    ]);
  });

  it("prints map keys in brackets and blames the key itself for a bad key", () => {
    expect(errors({ spec: { containers: [okContainer], env: { HOME: 1, "a.b": 2 } } })).toEqual([
      "spec.env[HOME]: Invalid value: 1: must be of type string",
      "spec.env[a.b]: Invalid value: 2: must be of type string",
    ]);
    expect(errors({ spec: { containers: [okContainer] }, data: { "bad/key": "v" } })).toEqual([
      "data[bad/key]: Invalid value: \"bad/key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
    ]);
  });

  it("guesses map keys from their shape when the schema is not given", () => {
    expect(errors({ spec: { containers: [okContainer], env: { HOME: 1, "a.b": 2 } } }, { withSchema: false })).toEqual([
      "spec.env.HOME: Invalid value: 1: must be of type string",
      "spec.env[a.b]: Invalid value: 2: must be of type string",
    ]);
  });

  it("prefixes a root", () => {
    const result = container.safeParse({ name: "x" }, { reportInput: true });
    expect(fieldErrorsFromZod(result.error!, "spec.template.spec.containers[0]").map(fieldErrorText)).toEqual([
      "spec.template.spec.containers[0].image: Required value",
    ]);
  });

  it("keeps zod's message for custom refinements", () => {
    const refined = z.object({ a: z.number() }).refine((v) => v.a > 1, { message: "a must exceed 1", path: ["a"] });
    const result = refined.safeParse({ a: 0 });
    expect(fieldErrorsFromZod(result.error!).map(fieldErrorText)).toEqual(["a: Invalid value: a must exceed 1"]);
  });
});

describe("kubeFieldPath", () => {
  it("joins names with dots and indexes with brackets", () => {
    expect(kubeFieldPath(["spec", "containers", 0, "image"])).toBe("spec.containers[0].image");
    expect(kubeFieldPath([0, "name"], "items")).toBe("items[0].name");
    expect(kubeFieldPath([])).toBe("");
  });
});
