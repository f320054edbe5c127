// core/v1 ConfigMap: string data and base64 binaryData, optionally immutable.

import { z } from "zod";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { KubeObject } from "../../api/object.ts";
import { configMapKeyErrors } from "../../api/validation/names.ts";
import type { KindDefinition } from "../definition.ts";
import { ageColumn, column, creationAge, nameColumn } from "../table-columns.ts";
import { base64String, envelope } from "../schema-types.ts";
import { rootCAConfigMapName } from "./pod-service-account.ts";

const maxTotalBytes = 1024 * 1024;

const schema = z
  .object({
    ...envelope,
    data: z.record(z.string(), z.string()).meta({ proto: 2, description: "Configuration as UTF-8 text, by key." }).optional(),
    binaryData: z
      .record(z.string(), base64String)
      .meta({ proto: 3, protoType: "bytes", description: "Configuration as bytes (base64 in JSON), by key; keys may not repeat those of data." })
      .optional(),
    immutable: z.boolean().meta({ proto: 4, description: "When true, data and binaryData can no longer change." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.ConfigMap", description: "Non-secret configuration for workloads, as key-value pairs." });

type ConfigMap = KubeObject & z.infer<typeof schema>;

/** Keys must be valid file names and unique across data and binaryData; the total stays under 1 MiB. */
export function validateDataKeys(data: Record<string, string> | undefined, binaryData: Record<string, string> | undefined): FieldError[] {
  const errors: FieldError[] = [];
  let total = 0;
  for (const [key, value] of Object.entries(data ?? {})) {
    for (const detail of configMapKeyErrors(key)) errors.push(fieldError.invalid(`data[${key}]`, key, detail));
    total += key.length + value.length;
  }
  for (const [key, value] of Object.entries(binaryData ?? {})) {
    for (const detail of configMapKeyErrors(key)) errors.push(fieldError.invalid(`binaryData[${key}]`, key, detail));
    if (data && key in data) errors.push(fieldError.invalid(`binaryData[${key}]`, key, "duplicate of key present in data"));
    total += key.length + Math.floor((value.length * 3) / 4);
  }
  if (total > maxTotalBytes) errors.push(fieldError.tooLong("", maxTotalBytes));
  return errors;
}

export function validateImmutableData(obj: KubeObject, old: KubeObject, dataFields: readonly string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errors: FieldError[] = [];
  if (obj.immutable !== true) errors.push(fieldError.forbidden("immutable", "field is immutable when `immutable` is set"));
  for (const field of dataFields) {
    if (JSON.stringify(obj[field] ?? {}) !== JSON.stringify(old[field] ?? {})) {
      errors.push(fieldError.forbidden(field, "field is immutable when `immutable` is set"));
    }
  }
  return errors;
}

export const configMaps = {
  group: "",
  version: "v1",
  kind: "ConfigMap",
  plural: "configmaps",
  singular: "configmap",
  namespaced: true,
  shortNames: ["cm"],
  nameRule: "dns1123-subdomain",
  schema,
  validate(obj) {
    const cm = obj as ConfigMap;
    return validateDataKeys(cm.data, cm.binaryData);
  },
  validateUpdate(obj, old) {
    return validateImmutableData(obj, old, ["data", "binaryData"]);
  },
  afterCommit(obj, effects, event) {
    // The root CA publisher puts kube-root-ca.crt back when it is deleted or its data changed.
    if (event !== "ADDED" && obj.metadata.name === rootCAConfigMapName) effects.ensureNamespaceDefaults(obj.metadata.namespace ?? "");
  },
  table: {
    columns: [nameColumn, column("Data", "integer", "Number of data entries."), ageColumn],
    cells(obj, { now }) {
      const cm = obj as ConfigMap;
      const count = Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length;
      return [obj.metadata.name ?? "", count, creationAge(obj, now)];
    },
  },
} satisfies KindDefinition;
