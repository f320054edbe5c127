// A served version of a CustomResourceDefinition as a KindDefinition, so the generic flow serves custom
// resources as it serves built-in kinds: the names are the CRD's accepted names; the schema is the version's
// structural schema (pruning on decode, then defaults, then validation and CEL rules); /status and /scale are
// the version's subresources; the table is the version's printer columns.

import { badRequest } from "../api/errors.ts";
import type { FieldError } from "../api/field-errors.ts";
import { isPlainObject, valueAt, type KubeObject } from "../api/object.ts";
import { compareVersionPriority } from "../api/version-priority.ts";
import { jsonEqual } from "../resources/json-equal.ts";
import type { FieldGetter, KindDefinition, ScaleDefinition } from "../resources/definition.ts";
import { compileRules } from "./cel/compile-rules.ts";
import { evaluateRules } from "./cel/evaluate-rules.ts";
import type { CustomResourceDefinition, CustomResourceDefinitionVersion } from "./crd-types.ts";
import { printerColumnsTable } from "./printer-columns/printer-table.ts";
import { applyDefaults } from "./schema/apply-defaults.ts";
import type { JSONSchemaProps } from "./schema/json-schema-props.ts";
import { coerceEmbeddedMeta } from "./schema/coerce-embedded-meta.ts";
import { pruneNonNullableNulls } from "./schema/prune-nulls.ts";
import { pruneUnknown } from "./schema/prune.ts";
import { validateValue } from "./schema/validate-value.ts";
import { zodMirrorOfResource } from "./zod-mirror.ts";

/** The parts of a dotted path such as ".spec.replicas" (the only form scale paths may take). */
function pathParts(path: string): string[] {
  return path.replace(/^\./, "").split(".").filter(Boolean);
}

function setPath(obj: KubeObject, parts: readonly string[], value: unknown): void {
  let node: Record<string, unknown> = obj;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(node[part])) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]] = value;
}

function scaleOf(version: CustomResourceDefinitionVersion): ScaleDefinition | undefined {
  const scale = version.subresources?.scale;
  if (!scale) return undefined;
  const spec = pathParts(scale.specReplicasPath);
  const status = pathParts(scale.statusReplicasPath);
  const selector = scale.labelSelectorPath ? pathParts(scale.labelSelectorPath) : undefined;
  const int = (value: unknown) => (typeof value === "number" && Number.isInteger(value) ? value : 0);
  return {
    specReplicasPath: spec,
    specReplicas: (obj) => int(valueAt(obj, spec)),
    setSpecReplicas: (obj, replicas) => setPath(obj, spec, replicas),
    statusReplicas: (obj) => int(valueAt(obj, status)),
    selector: (obj) => {
      const value = selector ? valueAt(obj, selector) : undefined;
      return typeof value === "string" ? value : "";
    },
  };
}

/** Field selectors on the version's selectableFields: ".spec.color" is selected as spec.color. */
function selectableFields(version: CustomResourceDefinitionVersion): Record<string, FieldGetter> | undefined {
  if (!version.selectableFields?.length) return undefined;
  const getters: Record<string, FieldGetter> = {};
  for (const { jsonPath } of version.selectableFields) {
    const parts = pathParts(jsonPath);
    getters[parts.join(".")] = (obj) => {
      const value = valueAt(obj, parts);
      return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
    };
  }
  return getters;
}

/** kube's warning for a deprecated version: it names the most preferred newer version still served, if any. */
function defaultDeprecationWarning(crd: CustomResourceDefinition, deprecated: string, kind: string): string {
  const message = `${crd.spec.group}/${deprecated} ${kind} is deprecated`;
  const newer = crd.spec.versions
    .filter((v) => v.served && !v.deprecated && compareVersionPriority(v.name, deprecated) < 0)
    .map((v) => v.name)
    .sort(compareVersionPriority);
  return newer.length ? `${message}; use ${crd.spec.group}/${newer[0]} ${kind}` : message;
}

/** Everything but metadata (and status, when /status owns it): what bumps generation when it changes. */
function withoutMetadata(obj: KubeObject, dropStatus: boolean): Record<string, unknown> {
  const { metadata: _m, status, ...rest } = obj;
  return dropStatus ? rest : { ...rest, status };
}

export function customKind(crd: CustomResourceDefinition, version: CustomResourceDefinitionVersion): KindDefinition {
  const names = crd.status?.acceptedNames ?? crd.spec.names;
  const schema: JSONSchemaProps | undefined = version.schema?.openAPIV3Schema;
  const hasStatus = version.subresources?.status !== undefined;
  const rules = schema ? compileRules(schema) : undefined;
  const storage = crd.spec.versions.find((v) => v.storage)?.name;
  return {
    group: crd.spec.group,
    version: version.name,
    kind: names.kind,
    plural: names.plural,
    singular: names.singular ?? names.kind.toLowerCase(),
    namespaced: crd.spec.scope === "Namespaced",
    shortNames: names.shortNames,
    categories: names.categories,
    nameRule: "dns1123-subdomain",
    unstructured: true,
    storageVersion: storage && storage !== version.name ? storage : undefined,
    deprecationWarning: version.deprecated ? (version.deprecationWarning ?? defaultDeprecationWarning(crd, version.name, names.kind)) : undefined,
    schema: zodMirrorOfResource(schema),
    decode(body) {
      if (!schema) return body;
      pruneUnknown(schema, body, { isResourceRoot: true });
      pruneNonNullableNulls(schema, body);
      const coerced = coerceEmbeddedMeta(schema, body, { isResourceRoot: true });
      if (coerced.error) return badRequest(`${names.kind} in version "${version.name}" cannot be handled as a ${names.kind}: ${coerced.error}`);
      return body;
    },
    applyDefaults(obj) {
      if (schema) applyDefaults(schema, obj);
    },
    prepareForCreate(obj) {
      if (hasStatus) delete obj.status;
    },
    validate(obj, old) {
      if (!schema) return [];
      const errors: FieldError[] = validateValue(schema, obj, "", { oldValue: old });
      // As kube: CEL rules run unless a value has the wrong type (they could not read it).
      if (rules?.root && !errors.some((e) => e.type === "FieldValueTypeInvalid")) errors.push(...evaluateRules(rules, schema, obj, old, ""));
      return errors;
    },
    status: hasStatus,
    specChanged: (obj, old) => !jsonEqual(withoutMetadata(obj, hasStatus), withoutMetadata(old, hasStatus)),
    scale: scaleOf(version),
    table: printerColumnsTable(version.additionalPrinterColumns),
    fieldSelectors: selectableFields(version),
    openAPI: { schema },
  };
}

