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

const specSchema = z
  .object({
    holderIdentity: z.string().meta({ proto: 1, description: "Who holds the lease now." }).optional(),
    leaseDurationSeconds: z
      .number()
      .int()
      .meta({ proto: 2, description: "How long, after its last renewal, others must wait before taking the lease." })
      .optional(),
    acquireTime: microTime.meta({ proto: 3, description: "When the current holder took the lease." }).optional(),
    renewTime: microTime.meta({ proto: 4, description: "When the current holder last renewed the lease." }).optional(),
    leaseTransitions: z.number().int().meta({ proto: 5, description: "How many times the lease has changed hands." }).optional(),
    strategy: z
      .string()
      .meta({ proto: 6, description: "How the holder is chosen in coordinated leader election." })
      .optional(),
    preferredHolder: z
      .string()
      .meta({ proto: 7, description: "A holder the election strategy asks the current holder to hand over to." })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.coordination.v1.LeaseSpec", description: "Who holds a lease, since when, and for how long." });

const schema = z
  .object({
    ...envelope,
    spec: specSchema.meta({ proto: 2, description: "Who holds the lease and until when." }).optional(),
  })
  .meta({ definition: "io.k8s.api.coordination.v1.Lease", description: "A lock that one holder at a time renews." });

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
