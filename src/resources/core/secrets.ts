// core/v1 Secret: base64 data checked by type, stringData folded into data on write, optionally immutable.

import { z } from "zod";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { KubeObject } from "../../api/object.ts";
import type { KindDefinition } from "../definition.ts";
import { ageColumn, column, creationAge, nameColumn } from "../table-columns.ts";
import { base64String, envelope } from "../schema-types.ts";
import { validateDataKeys, validateImmutableData } from "./configmaps.ts";

const maxSecretBytes = 1024 * 1024;

/** The built-in secret types and the keys kube requires of each. */
export const secretType = {
  opaque: "Opaque",
  serviceAccountToken: "kubernetes.io/service-account-token",
  dockercfg: "kubernetes.io/dockercfg",
  dockerConfigJson: "kubernetes.io/dockerconfigjson",
  basicAuth: "kubernetes.io/basic-auth",
  sshAuth: "kubernetes.io/ssh-auth",
  tls: "kubernetes.io/tls",
  bootstrapToken: "bootstrap.kubernetes.io/token",
} as const;

export const serviceAccountNameAnnotation = "kubernetes.io/service-account.name";
export const serviceAccountUidAnnotation = "kubernetes.io/service-account.uid";

const schema = z
  .object({
    ...envelope,
    data: z
      .record(z.string(), base64String)
      .meta({ proto: 2, protoType: "bytes", description: "The secret values (base64 in JSON), by key." })
      .optional(),
    stringData: z
      .record(z.string(), z.string())
      .meta({ proto: 4, description: "Write-only values as text; merged into data when written and never returned." })
      .optional(),
    type: z.string().meta({ proto: 3, description: "What the secret holds, which decides the keys data must have (default Opaque)." }).optional(),
    immutable: z.boolean().meta({ proto: 5, description: "When true, data can no longer change." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.Secret", description: "Sensitive data such as passwords, tokens or keys." });

type Secret = KubeObject & z.infer<typeof schema>;

function encodeBase64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function decodeBase64(value: string): Uint8Array {
  return Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
}

/** What Go's json.Unmarshal into a map says of the bytes; undefined when they decode. */
function jsonObjectError(bytes: Uint8Array): string | undefined {
  const text = new TextDecoder().decode(bytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const first = text.trimStart()[0];
    if (first === undefined || String(e).includes("end of JSON")) return "unexpected end of JSON input";
    if (!/[{["\-0-9tfn]/.test(first)) return `invalid character '${first}' looking for beginning of value`;
    return "invalid character in JSON input";
  }
  if (value === null || (typeof value === "object" && !Array.isArray(value))) return undefined;
  const goType = Array.isArray(value) ? "array" : typeof value === "boolean" ? "bool" : typeof value;
  return `json: cannot unmarshal ${goType} into Go value of type map[string]interface {}`;
}

function requireJsonKey(data: Record<string, string>, key: string): FieldError[] {
  if (!(key in data)) return [fieldError.required(`data[${key}]`)];
  const detail = jsonObjectError(decodeBase64(data[key]));
  return detail ? [fieldError.invalid(`data[${key}]`, "<secret contents redacted>", detail)] : [];
}

/** The keys (or annotation) each built-in type must carry. kube leaves Opaque, bootstrap tokens and custom types free. */
function validateType(secret: Secret): FieldError[] {
  const data = secret.data ?? {};
  const has = (key: string) => key in data;
  switch (secret.type) {
    case secretType.serviceAccountToken:
      return secret.metadata.annotations?.[serviceAccountNameAnnotation]
        ? []
        : [fieldError.required(`metadata.annotations[${serviceAccountNameAnnotation}]`)];
    case secretType.dockercfg:
      return requireJsonKey(data, ".dockercfg");
    case secretType.dockerConfigJson:
      return requireJsonKey(data, ".dockerconfigjson");
    case secretType.basicAuth:
      return has("username") || has("password") ? [] : [fieldError.required("data[username]"), fieldError.required("data[password]")];
    case secretType.sshAuth:
      return data["ssh-privatekey"] ? [] : [fieldError.required("data[ssh-privatekey]")];
    case secretType.tls:
      return [...(has("tls.crt") ? [] : [fieldError.required("data[tls.crt]")]), ...(has("tls.key") ? [] : [fieldError.required("data[tls.key]")])];
    default:
      return [];
  }
}

export const secrets = {
  group: "",
  version: "v1",
  kind: "Secret",
  plural: "secrets",
  singular: "secret",
  namespaced: true,
  nameRule: "dns1123-subdomain",
  schema,
  applyDefaults(obj) {
    // kube folds stringData into data when it decodes a Secret (stringData wins) and never stores it.
    const secret = obj as Secret;
    if (secret.stringData && Object.keys(secret.stringData).length > 0) {
      secret.data = { ...secret.data };
      for (const [key, value] of Object.entries(secret.stringData)) secret.data[key] = encodeBase64(value);
    }
    delete secret.stringData;
    if (!secret.type) secret.type = secretType.opaque;
  },
  validate(obj) {
    const secret = obj as Secret;
    const data = secret.data ?? {};
    // Key rules are ConfigMap's; the size limit counts decoded bytes of data only, reported at "data".
    const errors = validateDataKeys(Object.fromEntries(Object.keys(data).map((key) => [key, ""])), undefined);
    const total = Object.values(data).reduce((sum, value) => sum + Math.floor((value.length * 3) / 4) - (value.match(/=+$/)?.[0].length ?? 0), 0);
    if (total > maxSecretBytes) errors.push(fieldError.tooLong("data", maxSecretBytes));
    return [...errors, ...validateType(secret)];
  },
  validateUpdate(obj, old) {
    const errors: FieldError[] = [];
    if (obj.type !== old.type) errors.push(fieldError.immutable("type", obj.type));
    return [...errors, ...validateImmutableData(obj, old, ["data"])];
  },
  table: {
    columns: [
      nameColumn,
      column("Type", "string", "The secret's type, which decides which keys its data must hold."),
      column("Data", "string", "How many keys the secret's data holds."),
      ageColumn,
    ],
    cells(obj, { now }) {
      const secret = obj as Secret;
      return [obj.metadata.name ?? "", secret.type ?? "", Object.keys(secret.data ?? {}).length, creationAge(obj, now)];
    },
  },
  fieldSelectors: {
    type: (obj) => (obj as Secret).type,
  },
  afterCommit(obj, effects) {
    // A legacy service-account token Secret gets its token from the tokens controller.
    const secret = obj as Secret;
    if (secret.type === secretType.serviceAccountToken && !secret.metadata.deletionTimestamp && !secret.data?.token) {
      effects.populateServiceAccountToken(secret.metadata.name ?? "");
    }
  },
} satisfies KindDefinition;
