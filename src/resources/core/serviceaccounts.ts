// core/v1 ServiceAccount: an identity for workloads, with the secrets and pull secrets it may use.

import { z } from "zod";
import type { KubeObject } from "../../api/object.ts";
import type { KindDefinition } from "../definition.ts";
import { ageColumn, column, creationAge, nameColumn } from "../table-columns.ts";
import { envelope, localObjectReference, objectReference } from "../schema-types.ts";
import { serviceAccountToken } from "../authentication/token-requests.ts";
import { defaultServiceAccountName } from "./pod-service-account.ts";

const schema = z
  .object({
    ...envelope,
    secrets: z
      .array(objectReference)
      .meta({ proto: 2, patchStrategy: "merge", patchMergeKey: "name", listType: "map", listMapKeys: ["name"], description: "Secrets pods running as this account may use." })
      .optional(),
    imagePullSecrets: z
      .array(localObjectReference)
      .meta({ proto: 3, listType: "atomic", description: "Secrets used to pull images for pods running as this account." })
      .optional(),
    automountServiceAccountToken: z
      .boolean()
      .meta({ proto: 4, description: "Whether pods running as this account get an API token mounted by default." })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.ServiceAccount", description: "An identity for processes that run in pods." });

type ServiceAccount = KubeObject & z.infer<typeof schema>;

/** kube keeps only the name of each secret reference (its strategy drops the rest on create and update). */
function cleanSecretReferences(obj: KubeObject): void {
  const sa = obj as ServiceAccount;
  if (sa.secrets) sa.secrets = sa.secrets.map((ref) => (ref.name === undefined ? {} : { name: ref.name }));
}

export const serviceAccounts = {
  group: "",
  version: "v1",
  kind: "ServiceAccount",
  plural: "serviceaccounts",
  singular: "serviceaccount",
  namespaced: true,
  shortNames: ["sa"],
  nameRule: "dns1123-subdomain",
  schema,
  prepareForCreate: cleanSecretReferences,
  prepareForUpdate: cleanSecretReferences,
  actions: { token: serviceAccountToken },
  afterCommit(obj, effects, event) {
    // The service account controller puts a deleted `default` account back.
    if (event === "DELETED" && obj.metadata.name === defaultServiceAccountName) effects.ensureNamespaceDefaults(obj.metadata.namespace ?? "");
  },
  table: {
    columns: [nameColumn, column("Secrets", "string", "How many secrets the service account lists."), ageColumn],
    cells(obj, { now }) {
      return [obj.metadata.name ?? "", ((obj as ServiceAccount).secrets ?? []).length, creationAge(obj, now)];
    },
  },
} satisfies KindDefinition;
