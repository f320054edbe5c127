// kube converts a v1 CRD to its internal form before validating it, and the field paths of its errors are the
// internal ones: when every version carries the same schema (or subresources, printer columns, selectable
// fields) the conversion moves it to the top (spec.validation, spec.subresources, ...) and clears it in the
// versions; spec.version is the first version's name; the conversion webhook's client config and review
// versions sit directly under spec.conversion (webhookClientConfig, conversionReviewVersions). This builds that
// form from the wire object, reading it defensively (a missing or mistyped field reads as Go's zero value).

import { isPlainObject } from "../../api/object.ts";
import type { JSONSchemaProps } from "../schema/json-schema-props.ts";
import { goColumns, goEqual, goSelectableFields, goSubresources, goValidation } from "./go-value.ts";

export interface InternalNames {
  plural: string;
  singular: string;
  shortNames?: string[];
  kind: string;
  listKind: string;
  categories?: string[];
}

export interface InternalValidation {
  openAPIV3Schema?: JSONSchemaProps;
}

export interface InternalScale {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

export interface InternalSubresources {
  status?: Record<string, never>;
  scale?: InternalScale;
}

export interface InternalColumn {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
  jsonPath: string;
}

export interface InternalSelectableField {
  jsonPath: string;
}

export interface InternalVersion {
  name: string;
  served: boolean;
  storage: boolean;
  deprecated: boolean;
  deprecationWarning?: string;
  schema?: InternalValidation;
  subresources?: InternalSubresources;
  additionalPrinterColumns?: InternalColumn[];
  selectableFields?: InternalSelectableField[];
}

export interface InternalServiceReference {
  namespace: string;
  name: string;
  path?: string;
  port: number;
}

export interface InternalWebhookClientConfig {
  url?: string;
  service?: InternalServiceReference;
  /** base64, as on the wire. */
  caBundle?: string;
}

export interface InternalConversion {
  strategy: string;
  webhookClientConfig?: InternalWebhookClientConfig;
  conversionReviewVersions?: string[];
}

export interface InternalSpec {
  group: string;
  version: string;
  names: InternalNames;
  scope: string;
  validation?: InternalValidation;
  subresources?: InternalSubresources;
  /** undefined: absent on the wire (Go's nil slice). */
  versions?: InternalVersion[];
  additionalPrinterColumns?: InternalColumn[];
  selectableFields?: InternalSelectableField[];
  conversion?: InternalConversion;
  preserveUnknownFields: boolean;
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const optStr = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined => (isPlainObject(v) ? v : undefined);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(str) : undefined);

function objects<T>(v: unknown, each: (o: Record<string, unknown>) => T): T[] | undefined {
  return Array.isArray(v) ? v.map((item) => each(obj(item) ?? {})) : undefined;
}

export function internalNames(v: unknown): InternalNames {
  const n = obj(v) ?? {};
  return {
    plural: str(n.plural),
    singular: str(n.singular),
    shortNames: strings(n.shortNames),
    kind: str(n.kind),
    listKind: str(n.listKind),
    categories: strings(n.categories),
  };
}

function validation(v: unknown): InternalValidation | undefined {
  const o = obj(v);
  if (!o) return undefined;
  const schema = obj(o.openAPIV3Schema);
  return schema ? { openAPIV3Schema: schema as JSONSchemaProps } : {};
}

function subresources(v: unknown): InternalSubresources | undefined {
  const o = obj(v);
  if (!o) return undefined;
  const out: InternalSubresources = {};
  if (obj(o.status)) out.status = {};
  const scale = obj(o.scale);
  if (scale) {
    out.scale = { specReplicasPath: str(scale.specReplicasPath), statusReplicasPath: str(scale.statusReplicasPath) };
    const selector = optStr(scale.labelSelectorPath);
    if (selector !== undefined) out.scale.labelSelectorPath = selector;
  }
  return out;
}

const column = (c: Record<string, unknown>): InternalColumn => ({
  name: str(c.name),
  type: str(c.type),
  format: str(c.format),
  description: str(c.description),
  priority: typeof c.priority === "number" ? c.priority : 0,
  jsonPath: str(c.jsonPath),
});

function version(v: Record<string, unknown>): InternalVersion {
  const out: InternalVersion = { name: str(v.name), served: v.served === true, storage: v.storage === true, deprecated: v.deprecated === true };
  const warning = optStr(v.deprecationWarning);
  if (warning !== undefined) out.deprecationWarning = warning;
  out.schema = validation(v.schema);
  out.subresources = subresources(v.subresources);
  out.additionalPrinterColumns = objects(v.additionalPrinterColumns, column);
  out.selectableFields = objects(v.selectableFields, (f) => ({ jsonPath: str(f.jsonPath) }));
  return out;
}

function conversion(v: unknown): InternalConversion | undefined {
  const c = obj(v);
  if (!c) return undefined;
  const out: InternalConversion = { strategy: str(c.strategy) };
  const webhook = obj(c.webhook);
  if (!webhook) return out;
  out.conversionReviewVersions = strings(webhook.conversionReviewVersions);
  const cc = obj(webhook.clientConfig);
  if (cc) {
    const config: InternalWebhookClientConfig = {};
    const url = optStr(cc.url);
    if (url !== undefined) config.url = url;
    const service = obj(cc.service);
    if (service) {
      config.service = { namespace: str(service.namespace), name: str(service.name), port: typeof service.port === "number" ? service.port : 0 };
      const path = optStr(service.path);
      if (path !== undefined) config.service.path = path;
    }
    const ca = optStr(cc.caBundle);
    if (ca) config.caBundle = ca;
    out.webhookClientConfig = config;
  }
  return out;
}

/** Moves a per-version field to the top when every version holds the same value, as the conversion does. */
function hoist<K extends "schema" | "subresources" | "additionalPrinterColumns" | "selectableFields">(
  versions: InternalVersion[],
  key: K,
  shape: (value: InternalVersion[K]) => unknown,
): InternalVersion[K] | undefined {
  const first = versions[0][key];
  const firstShape = shape(first);
  if (!versions.every((v) => goEqual(shape(v[key]), firstShape))) return undefined;
  for (const v of versions) delete v[key];
  return first;
}

/** The internal spec of a v1 CRD (spec: the wire `spec`). */
export function internalSpec(spec: unknown): InternalSpec {
  const s = obj(spec) ?? {};
  const out: InternalSpec = {
    group: str(s.group),
    version: "",
    names: internalNames(s.names),
    scope: str(s.scope),
    versions: objects(s.versions, version),
    conversion: conversion(s.conversion),
    preserveUnknownFields: s.preserveUnknownFields === true,
  };
  const versions = out.versions;
  if (!versions || versions.length === 0) return out;
  out.version = versions[0].name;
  const nil = { emptyAsNil: true };
  out.subresources = hoist(versions, "subresources", goSubresources);
  out.validation = hoist(versions, "schema", (v) => goValidation(v, nil));
  out.additionalPrinterColumns = hoist(versions, "additionalPrinterColumns", (v) => goColumns(v, nil));
  out.selectableFields = hoist(versions, "selectableFields", (v) => goSelectableFields(v, nil));
  return out;
}

/** GetSchemaForVersion: the top-level schema, else the version's own; undefined when the version is missing. */
export function schemaForVersion(spec: InternalSpec, name: string): { schema?: InternalValidation } | undefined {
  const versions = spec.versions ?? [];
  if (!versions.some((v) => v.schema !== undefined)) return { schema: spec.validation };
  const version = versions.find((v) => v.name === name);
  return version && { schema: version.schema };
}
