// How kube embeds a LocalObjectReference (schema-types.ts): many structures (a ConfigMap volume, a key
// selector, an env source) flatten its `name` into their own JSON while protobuf keeps it in an embedded
// LocalObjectReference message, field 1.

import type { InlineMessage } from "../schema-meta.ts";
import { kubeField as f } from "./kube-field.ts";

/** The `name` field of a structure that embeds a LocalObjectReference, and the `inline` meta that says so. */
export const embeddedName = {
  field: (description: string) => f.string(1, description),
  inline: { proto: 1, definition: "io.k8s.api.core.v1.LocalObjectReference", fields: ["name"] } satisfies InlineMessage,
};
