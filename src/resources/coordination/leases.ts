// coordination.k8s.io/v1 Lease: who holds a lock (leader election, node heartbeats) and until when.

import { z } from "zod";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { KubeObject } from "../../api/object.ts";
import { qualifiedNameErrors } from "../../api/validation/names.ts";
import type { KindDefinition } from "../definition.ts";
import { ageColumn, column, creationAge, nameColumn } from "../table-columns.ts";
import { envelope, microTime } from "../schema-types.ts";

/** Coordinated leader election strategies kube defines; others must be qualified ("example.com/mine"). */
const leaseStrategies = ["OldestEmulationVersion"] as const;

const schema = z.object({
  ...envelope,
  spec: z
    .object({
      holderIdentity: z.string().optional(),
      leaseDurationSeconds: z.number().int().optional(),
      acquireTime: microTime.optional(),
      renewTime: microTime.optional(),
      leaseTransitions: z.number().int().optional(),
      strategy: z.string().optional(),
      preferredHolder: z.string().optional(),
    })
    .optional(),
});

type Lease = KubeObject & z.infer<typeof schema>;

function validateStrategy(strategy: string): FieldError[] {
  // kube appends "strategy" to a path that already ends in it: the errors read spec.strategy.strategy.
  const field = "spec.strategy.strategy";
  if (!strategy.includes("/")) {
    return (leaseStrategies as readonly string[]).includes(strategy) ? [] : [fieldError.notSupported(field, strategy, leaseStrategies)];
  }
  return qualifiedNameErrors(strategy).map((msg) => fieldError.invalid(field, strategy, msg));
}

export const leases = {
  group: "coordination.k8s.io",
  version: "v1",
  kind: "Lease",
  plural: "leases",
  singular: "lease",
  namespaced: true,
  nameRule: "dns1123-subdomain",
  schema,
  applyDefaults(obj) {
    // spec is not omitted on the wire even when empty.
    const lease = obj as Lease;
    lease.spec ??= {};
  },
  validate(obj) {
    const spec = (obj as Lease).spec ?? {};
    const errors: FieldError[] = [];
    if (spec.leaseDurationSeconds !== undefined && spec.leaseDurationSeconds <= 0) {
      errors.push(fieldError.invalid("spec.leaseDurationSeconds", spec.leaseDurationSeconds, "must be greater than 0"));
    }
    if (spec.leaseTransitions !== undefined && spec.leaseTransitions < 0) {
      errors.push(fieldError.invalid("spec.leaseTransitions", spec.leaseTransitions, "must be greater than or equal to 0"));
    }
    if (spec.strategy !== undefined) errors.push(...validateStrategy(spec.strategy));
    if (spec.preferredHolder && !spec.strategy) {
      errors.push(fieldError.forbidden("spec.preferredHolder", "may only be specified if `strategy` is defined"));
    }
    return errors;
  },
  table: {
    columns: [nameColumn, column("Holder", "string", "The identity of whoever holds the lease now."), ageColumn],
    cells(obj, { now }) {
      return [obj.metadata.name ?? "", (obj as Lease).spec?.holderIdentity ?? "", creationAge(obj, now)];
    },
  },
} satisfies KindDefinition;
