// Test-only kinds in groups the catalog may not serve yet, so discovery tests cover named groups, several
// versions and the scale subresource whatever the catalog holds today.

import { z } from "zod";
import type { KindDefinition, Verb } from "../../resources/definition.ts";

export function testKind(fields: Partial<KindDefinition> & Pick<KindDefinition, "group" | "version" | "kind" | "plural">): KindDefinition {
  return {
    singular: fields.kind.toLowerCase(),
    namespaced: true,
    nameRule: "dns1123-subdomain",
    schema: z.object({}),
    table: { columns: [], cells: () => [] },
    ...fields,
  };
}

const replicas = {
  specReplicasPath: ["spec", "replicas"],
  specReplicas: () => 1,
  setSpecReplicas: () => {},
  statusReplicas: () => 1,
  selector: () => "",
};

export const deployments = testKind({
  group: "apps",
  version: "v1",
  kind: "Deployment",
  plural: "deployments",
  shortNames: ["deploy"],
  categories: ["all"],
  status: true,
  scale: replicas,
});

export const leasesV1 = testKind({ group: "coordination.k8s.io", version: "v1", kind: "Lease", plural: "leases" });
export const leasesV1beta1 = testKind({ group: "coordination.k8s.io", version: "v1beta1", kind: "Lease", plural: "leases" });

export const createOnly = testKind({
  group: "authentication.k8s.io",
  version: "v1",
  kind: "TokenReview",
  plural: "tokenreviews",
  namespaced: false,
  verbs: ["create"] satisfies Verb[],
});
