// Schema pieces many kinds share: base64 bytes, quantities, int-or-string, label selectors, references.

import { z } from "zod";

/** A []byte field: standard base64 on the wire. */
export const base64String = z.string().regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, {
  message: "illegal base64 data",
});

/** resource.Quantity: "100m", "1Gi", "2", "1e3". Numbers are accepted and kept as kube serializes them. */
export const quantity = z.union([
  z.string().regex(/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+|[KMGTPE]i|[numkMGTPE])?$/, { message: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" }),
  z.number(),
]);

/** intstr.IntOrString */
export const intOrString = z.union([z.number().int(), z.string()]);

export const labelSelectorRequirement = z.object({
  key: z.string(),
  operator: z.enum(["In", "NotIn", "Exists", "DoesNotExist"]),
  values: z.array(z.string()).optional(),
});

export const labelSelector = z.object({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z.array(labelSelectorRequirement).optional(),
});

export type LabelSelectorObject = z.infer<typeof labelSelector>;

export const objectReference = z.looseObject({
  kind: z.string().optional(),
  namespace: z.string().optional(),
  name: z.string().optional(),
  uid: z.string().optional(),
  apiVersion: z.string().optional(),
  resourceVersion: z.string().optional(),
  fieldPath: z.string().optional(),
});

export const localObjectReference = z.object({ name: z.string().optional() });

/** metav1.Time in RFC 3339 form. */
export const timestamp = z.string();

/** metav1.Condition and the per-kind condition shapes share these fields. */
export const condition = z.looseObject({
  type: z.string(),
  status: z.string(),
  lastTransitionTime: z.string().optional(),
  lastUpdateTime: z.string().optional(),
  lastProbeTime: z.string().optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
  observedGeneration: z.number().int().optional(),
});

/** Fields common to every kind's schema: the envelope; metadata is validated generically. */
export const envelope = {
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  metadata: z.unknown(),
};
