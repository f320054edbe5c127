// A kind served at several versions whose objects are stored at one (custom resources: kube's conversion
// strategy None changes only apiVersion). Objects are written at the storage version and rewritten to the
// version a client asked for wherever they leave the server: get, list, write answers, watch events.

import type { KubeObject } from "../api/object.ts";
import { apiVersionOf, type KindDefinition } from "../resources/definition.ts";

/** The apiVersion objects of this kind are stored with. */
export function storedApiVersion(def: KindDefinition): string {
  return def.storageVersion ? apiVersionOf({ group: def.group, version: def.storageVersion }) : apiVersionOf(def);
}

/** The object as this kind's version serves it (the same object when nothing changes). */
export function servedObject(def: KindDefinition, obj: KubeObject): KubeObject {
  if (!def.storageVersion || obj.kind !== def.kind) return obj;
  const apiVersion = apiVersionOf(def);
  return obj.apiVersion === apiVersion ? obj : { ...obj, apiVersion };
}
