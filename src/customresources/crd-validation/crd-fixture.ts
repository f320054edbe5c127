// A valid CustomResourceDefinition for tests to break one field at a time.

import type { CustomResourceDefinition } from "../crd-types.ts";
import type { JSONSchemaProps } from "../schema/json-schema-props.ts";

export function widgetSchema(): JSONSchemaProps {
  return {
    type: "object",
    properties: {
      spec: { type: "object", properties: { size: { type: "integer" }, color: { type: "string" } } },
      status: { type: "object", properties: { replicas: { type: "integer" } } },
    },
  };
}

/** widgets.example.com, one version v1, as a client sends it after kube's v1 defaults. */
export function widgetCRD(): CustomResourceDefinition {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "widgets.example.com" },
    spec: {
      group: "example.com",
      names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
      scope: "Namespaced",
      versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: widgetSchema() } }],
      conversion: { strategy: "None" },
    },
    status: { storedVersions: ["v1"] },
  };
}

/** The errors as kube prints them, one line each. */
export { fieldErrorText as text } from "../../api/field-errors.ts";
