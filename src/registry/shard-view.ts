// What the write flow sees of one shard (a namespace, or the cluster-scoped objects): current objects,
// including changes staged earlier in the same batch, and a place to stage new changes.

import type { KubeObject } from "../api/object.ts";

export interface StagedChange {
  event: "ADDED" | "MODIFIED" | "DELETED";
  resource: string;
  name: string;
  /** The object as it will be stored; its resourceVersion is filled in once the batch commits. */
  object: KubeObject;
}

export type NamespacePhase = "active" | "terminating" | "missing";

export interface ShardView {
  /** "" for the cluster-scoped shard. */
  readonly namespace: string;
  load(resource: string, name: string): Promise<KubeObject | undefined>;
  /** The current cluster-scoped objects of a resource, read from D1 (from the namespace shards: as last committed). */
  clusterObjects(resource: string): Promise<KubeObject[]>;
  exists(resource: string, name: string): boolean;
  /**
   * The resourceVersion of the object's state as of now, to be read when answering: a state staged by this
   * batch, or by an earlier one still committing, has its version only once committed.
   */
  versionNow(resource: string, name: string): () => string | undefined;
  names(resource: string): string[];
  /** Every resource that has objects in this shard. */
  resources(): string[];
  stage(change: StagedChange): void;
  namespacePhase(): Promise<NamespacePhase>;
}
