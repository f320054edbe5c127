import { describe, expect, it } from "vitest";
import type { CustomResourceDefinition } from "../crd-types.ts";
import { text, widgetCRD, widgetSchema } from "./crd-fixture.ts";
import { validateCRDUpdate } from "./validate-crd.ts";
import type { RuleCompileContext } from "./validation-options.ts";

const established = (crd: CustomResourceDefinition) => ({ ...crd, status: { ...crd.status, conditions: [{ type: "Established", status: "True" as const }] } });
const update = (crd: CustomResourceDefinition, old: CustomResourceDefinition) => validateCRDUpdate(crd, old).map(text);

describe("validateCRDUpdate", () => {
  it("accepts an unchanged CRD", () => {
    expect(update(widgetCRD(), widgetCRD())).toEqual([]);
  });

  it("never lets group or plural change", () => {
    const crd = widgetCRD();
    crd.spec.group = "example.org";
    crd.spec.names.plural = "gizmos";
    expect(update(crd, widgetCRD())).toEqual([
      `spec.group: Invalid value: "example.org": field is immutable`,
      `spec.names.plural: Invalid value: "gizmos": field is immutable`,
    ]);
  });

  it("freezes scope and kind once the CRD is Established", () => {
    const crd = widgetCRD();
    crd.spec.scope = "Cluster";
    crd.spec.names.kind = "Gadget";
    crd.spec.names.listKind = "GadgetList";
    expect(update(crd, widgetCRD())).toEqual([]);
    expect(update(crd, established(widgetCRD()))).toEqual([
      `spec.scope: Invalid value: "Cluster": field is immutable`,
      `spec.names.kind: Invalid value: "Gadget": field is immutable`,
    ]);
  });

  it("keeps stored versions in spec.versions", () => {
    const old = widgetCRD();
    old.status = { storedVersions: ["v1beta1", "v1"] };
    const crd = widgetCRD();
    crd.status = old.status;
    expect(update(crd, old)).toEqual([
      `status.storedVersions[0]: Invalid value: "v1beta1": missing from spec.versions; v1beta1 was previously a storage version, and must remain in spec.versions until a storage migration ensures no data remains persisted in v1beta1 and removes v1beta1 from status.storedVersions`,
    ]);
  });

  it("requires schemas only of served versions when the stored CRD lacked one", () => {
    const old = widgetCRD();
    delete old.spec.versions[0].schema;
    const crd = widgetCRD();
    delete crd.spec.versions[0].schema;
    expect(update(crd, old)).toEqual(["spec.versions[0].schema.openAPIV3Schema: Required value: because otherwise all fields are pruned"]);
    crd.spec.versions[0].served = false;
    expect(update(crd, old)).toEqual([]);
    expect(update(crd, widgetCRD())).toEqual(["spec.versions[0].schema.openAPIV3Schema: Required value"]);
  });

  it("tolerates invalid types, non-atomic sets and unrecognized review versions the stored CRD already had", () => {
    const old = widgetCRD();
    const schema = old.spec.versions[0].schema!.openAPIV3Schema!;
    schema.properties!.spec.properties!.when = { type: "date" as string };
    old.spec.conversion = { strategy: "Webhook", webhook: { clientConfig: { url: "https://x" }, conversionReviewVersions: ["v9"] } };
    const crd = structuredClone(old);
    expect(update(crd, old)).toEqual([]);
    expect(update(crd, widgetCRD())).toEqual([
      `spec.validation.openAPIV3Schema.properties[spec].properties[when].type: Unsupported value: "date": supported values: "array", "boolean", "integer", "number", "object", "string"`,
      `spec.conversion.conversionReviewVersions: Invalid value: ["v9"]: must include at least one of v1, v1beta1`,
    ]);
  });

  it("checks a new CA bundle once the CRD is Established and its old bundle was valid", () => {
    const crd = widgetCRD();
    crd.spec.conversion = { strategy: "Webhook", webhook: { clientConfig: { url: "https://x", caBundle: btoa("junk") }, conversionReviewVersions: ["v1"] } };
    expect(update(crd, widgetCRD())).toEqual([]);
    expect(update(crd, established(widgetCRD()))).toEqual([
      `spec.conversion.webhookClientConfig.caBundle: Invalid value: "${btoa("junk")}": unable to load root certificates: unable to parse bytes as PEM block`,
    ]);
  });

  it("tells rule compilation which expressions and schemas the stored CRD had", () => {
    const contexts: RuleCompileContext[] = [];
    const withRule = (rule: string) => {
      const crd = widgetCRD();
      crd.spec.versions[0].schema!.openAPIV3Schema!["x-kubernetes-validations"] = [{ rule, messageExpression: "'m'" }];
      return crd;
    };
    const compileRules = (_s: unknown, _p: string, ctx: RuleCompileContext) => (contexts.push(ctx), []);
    validateCRDUpdate(withRule("self.a"), withRule("self.a"), { compileRules });
    validateCRDUpdate(withRule("self.b"), withRule("self.a"), { compileRules });
    expect(contexts.map((c) => [[...c.preexistingRules], [...c.preexistingMessageExpressions], c.suppressPerExpressionCost])).toEqual([
      [["self.a"], ["'m'"], true],
      [["self.a"], ["'m'"], false],
    ]);
  });

  it("lets more than 8 unchanged selectable fields stay", () => {
    const many = widgetCRD();
    const schema = widgetSchema();
    schema.properties!.spec.properties = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`f${i}`, { type: "string" }]));
    many.spec.versions[0].schema = { openAPIV3Schema: schema };
    many.spec.versions[0].selectableFields = Array.from({ length: 9 }, (_, i) => ({ jsonPath: `.spec.f${i}` }));
    expect(update(many, many)).toEqual([]);
    expect(update(many, widgetCRD())).toEqual(["spec.selectableFields: Too many: 9: must have at most 8 items"]);
  });

  it("does not ask again for an approval whose state did not change", () => {
    const old = widgetCRD();
    old.spec.group = "widgets.k8s.io";
    old.metadata.name = "widgets.widgets.k8s.io";
    const crd = structuredClone(old);
    expect(update(crd, old)).toEqual([]);
  });

  it("lets a CRD that had preserveUnknownFields keep it", () => {
    const old = widgetCRD();
    old.spec.preserveUnknownFields = true;
    expect(update(structuredClone(old), old)).toEqual([]);
  });
});
