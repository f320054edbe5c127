// kube's ValidateNodeSelector: terms of label and field requirements on nodes (a PersistentVolume's node
// affinity), with kube's paths and messages.

import { fieldError, type FieldError } from "../../api/field-errors.ts";
import { labelValueErrors, qualifiedNameErrors } from "../../api/validation/names.ts";

interface NodeSelectorRequirement {
  key?: string;
  operator?: string;
  values?: string[];
}

interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

export interface NodeSelector {
  nodeSelectorTerms?: NodeSelectorTerm[];
}

function operatorErrors(req: NodeSelectorRequirement, path: string): FieldError[] {
  const count = (req.values ?? []).length;
  switch (req.operator) {
    case "In":
    case "NotIn":
      return count === 0 ? [fieldError.required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'")] : [];
    case "Exists":
    case "DoesNotExist":
      return count > 0 ? [fieldError.forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'")] : [];
    case "Gt":
    case "Lt":
      return count !== 1 ? [fieldError.required(`${path}.values`, "must be specified single value when `operator` is 'Lt' or 'Gt'")] : [];
    default:
      return [fieldError.invalid(`${path}.operator`, req.operator ?? "", "not a valid selector operator")];
  }
}

function labelRequirementErrors(req: NodeSelectorRequirement, path: string): FieldError[] {
  const errors = operatorErrors(req, path);
  const key = req.key ?? "";
  for (const msg of qualifiedNameErrors(key)) errors.push(fieldError.invalid(`${path}.key`, key, msg));
  (req.values ?? []).forEach((value, i) => {
    for (const msg of labelValueErrors(value)) errors.push(fieldError.invalid(`${path}.values[${i}]`, value, msg));
  });
  return errors;
}

/** Field requirements: only metadata.name, with In or NotIn and one value. */
function fieldRequirementErrors(req: NodeSelectorRequirement, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (req.operator !== "In" && req.operator !== "NotIn") {
    errors.push(fieldError.invalid(`${path}.operator`, req.operator ?? "", "not a valid selector operator"));
  } else if ((req.values ?? []).length !== 1) {
    errors.push(fieldError.required(`${path}.values`, "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
  }
  if (req.key !== "metadata.name") errors.push(fieldError.invalid(`${path}.key`, req.key ?? "", "not a valid field selector key"));
  return errors;
}

export function validateNodeSelector(selector: NodeSelector, path: string): FieldError[] {
  const terms = selector.nodeSelectorTerms ?? [];
  const termsPath = `${path}.nodeSelectorTerms`;
  if (terms.length === 0) return [fieldError.required(termsPath, "must have at least one node selector term")];
  return terms.flatMap((term, i) => [
    ...(term.matchExpressions ?? []).flatMap((req, j) => labelRequirementErrors(req, `${termsPath}[${i}].matchExpressions[${j}]`)),
    ...(term.matchFields ?? []).flatMap((req, j) => fieldRequirementErrors(req, `${termsPath}[${i}].matchFields[${j}]`)),
  ]);
}
