// The delete flow every kind shares: preconditions, then remove, or mark for deletion while finalizers remain.

import { conflict } from "../api/errors.ts";
import { cloneJson, type KubeObject } from "../api/object.ts";
import { isStatus, type Status } from "../api/status.ts";
import { rfc3339 } from "../api/time.ts";
import type { KindDefinition, StrategyContext } from "../resources/definition.ts";
import type { DeleteOptions } from "./contract.ts";

export type DeleteOutcome =
  | { action: "remove"; object: KubeObject }
  | { action: "mark"; object: KubeObject }
  | { action: "unchanged"; object: KubeObject }
  | { action: "refuse"; status: Status };

export function prepareDelete(def: KindDefinition, old: KubeObject, options: DeleteOptions, ctx: StrategyContext): DeleteOutcome {
  const name = old.metadata.name ?? "";
  const ref = { group: def.group, resource: def.plural };
  const pre = options.preconditions;
  if (pre?.uid !== undefined && pre.uid !== old.metadata.uid) {
    return {
      action: "refuse",
      status: conflict(ref, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid ?? ""}`),
    };
  }
  if (pre?.resourceVersion !== undefined && pre.resourceVersion !== old.metadata.resourceVersion) {
    return {
      action: "refuse",
      status: conflict(ref, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion ?? ""}`),
    };
  }
  const obj = cloneJson(old);
  const kindChoice = def.onDelete?.(obj, ctx);
  if (isStatus(kindChoice)) return { action: "refuse", status: kindChoice };
  if (kindChoice) return JSON.stringify(kindChoice) === JSON.stringify(old) ? { action: "unchanged", object: old } : { action: "mark", object: kindChoice };
  if ((obj.metadata.finalizers ?? []).length === 0) return { action: "remove", object: old };
  if (obj.metadata.deletionTimestamp) return { action: "unchanged", object: old };
  obj.metadata.deletionTimestamp = rfc3339(ctx.now);
  obj.metadata.deletionGracePeriodSeconds = 0;
  if (obj.metadata.generation !== undefined) obj.metadata.generation += 1;
  return { action: "mark", object: obj };
}
