// storageVersionHash: kube's opaque token for "the group/version/kind objects are stored as". Clients (the
// storage-version migrator, kubectl's discovery cache) only compare it for equality. kube computes it as the
// base64 of the first 8 bytes of sha256("<group>/<version>/<Kind>"), with group "" for the core group; we
// store every kind in the version it is served at, so the same formula gives kube's value for the same kind
// (ConfigMap: "qFsyl6wFWjQ=").

import type { KindDefinition } from "../../resources/definition.ts";

export async function storageVersionHash(def: Pick<KindDefinition, "group" | "version" | "kind">): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${def.group}/${def.version}/${def.kind}`));
  return btoa(String.fromCharCode(...new Uint8Array(digest, 0, 8)));
}
