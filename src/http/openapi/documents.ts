// The OpenAPI documents of a set of kinds, each built, serialized and hashed once and then kept: they
// depend on nothing but the kinds (and the served version), so an isolate computes them on first use.
// A document's ETag is kube's: the uppercase hex SHA-512 of its JSON, quoted; the protobuf form of the v2
// document shares the JSON's tag, as in kube. The v3 index names each document by that hash.

import type { KindDefinition } from "../../resources/definition.ts";
import { discoveryETag } from "../discovery/etag.ts";
import { versionInfo } from "../version.ts";
import { buildDefinitions } from "./definitions.ts";
import { encodeSwaggerDocument } from "./gnostic-v2.ts";
import { openAPIV3Document, openAPIV3Index } from "./openapi-v3.ts";
import { groupVersionPath, pathsOf, type PathItem } from "./paths.ts";
import type { Schema } from "./schema.ts";
import { swaggerDocument, type SwaggerDocument } from "./swagger-v2.ts";

export interface PreparedDocument {
  body: string;
  /** Quoted, as the ETag header carries it. */
  etag: string;
}

export interface PreparedBinary {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

export interface OpenAPIDocuments {
  v2(): Promise<PreparedDocument>;
  v2Protobuf(): Promise<PreparedBinary>;
  v3Index(): Promise<PreparedDocument>;
  /** The document of one group version, by its index path ("api/v1", "apis/apps/v1"); undefined if none. */
  v3(groupVersion: string): Promise<PreparedDocument | undefined>;
}

/** What the documents are made of, computed once. */
export interface OpenAPIModel {
  version: string;
  definitions: Record<string, Schema>;
  paths: PathItem[];
  /** Each group version's paths, by index path, in discovery's group order. */
  groupVersions: Map<string, PathItem[]>;
}

export function openAPIModel(kinds: readonly KindDefinition[]): OpenAPIModel {
  const { kinds: entries, definitions } = buildDefinitions(kinds);
  const groupVersions = new Map<string, PathItem[]>();
  const paths: PathItem[] = [];
  for (const entry of entries) {
    const own = pathsOf(entry);
    paths.push(...own);
    const gv = groupVersionPath(entry.def.group, entry.def.version);
    groupVersions.set(gv, [...(groupVersions.get(gv) ?? []), ...own]);
  }
  return { version: versionInfo().gitVersion, definitions, paths, groupVersions };
}

/** Documents for the kinds, each prepared on first use and then reused. */
export function openAPIDocuments(kinds: readonly KindDefinition[]): OpenAPIDocuments {
  let model: OpenAPIModel | undefined;
  const getModel = () => (model ??= openAPIModel(kinds));
  // A failed build is not kept: the next request tries again.
  const once = <T>(make: () => Promise<T>): (() => Promise<T>) => {
    let value: Promise<T> | undefined;
    return () =>
      (value ??= make().catch((error: unknown) => {
        value = undefined;
        throw error;
      }));
  };
  const prepare = async (doc: object): Promise<PreparedDocument> => {
    const body = JSON.stringify(doc);
    return { body, etag: await discoveryETag(body) };
  };

  let swagger: SwaggerDocument | undefined;
  const swaggerDoc = () => {
    const m = getModel();
    return (swagger ??= swaggerDocument(m.version, m.paths, m.definitions));
  };
  const v2 = once(() => prepare(swaggerDoc()));
  const v2Protobuf = once(async () => ({ body: encodeSwaggerDocument(swaggerDoc()), etag: (await v2()).etag }));

  const v3Docs = new Map<string, () => Promise<PreparedDocument>>();
  const v3 = (gv: string) => {
    const m = getModel();
    const paths = m.groupVersions.get(gv);
    if (!paths) return Promise.resolve(undefined);
    let doc = v3Docs.get(gv);
    if (!doc) v3Docs.set(gv, (doc = once(() => prepare(openAPIV3Document(m.version, paths, m.definitions)))));
    return doc();
  };
  const v3Index = once(async () => {
    const hashes: Record<string, string> = {};
    for (const gv of getModel().groupVersions.keys()) hashes[gv] = (await v3(gv))!.etag.slice(1, -1);
    return prepare(openAPIV3Index(hashes));
  });

  return { v2, v2Protobuf, v3Index, v3 };
}
