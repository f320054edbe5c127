// Two rules about the CRD as a whole: groups the Kubernetes project owns (k8s.io, kubernetes.io and their
// subdomains) need the api-approved.kubernetes.io annotation, a URL or a reason starting with "unapproved"; and
// spec.preserveUnknownFields may not be turned on (only CRDs that already had it keep it).

import { fieldError, type FieldError } from "../../api/field-errors.ts";
import { parseGoUrl } from "./go-url.ts";

export const apiApprovedAnnotation = "api-approved.kubernetes.io";

export function isProtectedCommunityGroup(group: string): boolean {
  return group === "k8s.io" || group.endsWith(".k8s.io") || group === "kubernetes.io" || group.endsWith(".kubernetes.io");
}

type ApprovalState = "invalid" | "approved" | "bypassed" | "missing";

function approvalState(annotations: Record<string, unknown> | undefined): [ApprovalState, string] {
  const value = annotations?.[apiApprovedAnnotation];
  const annotation = typeof value === "string" ? value : "";
  if (annotation.length === 0) {
    return ["missing", `protected groups must have approval annotation "${apiApprovedAnnotation}", see https://github.com/kubernetes/enhancements/pull/1111`];
  }
  if (annotation.startsWith("unapproved")) return ["bypassed", `not approved: ${JSON.stringify(annotation)}`];
  const parsed = parseGoUrl(annotation);
  if ("url" in parsed && parsed.url.host && parsed.url.scheme) return ["approved", `approved in ${annotation}`];
  return [
    "invalid",
    `protected groups must have approval annotation "${apiApprovedAnnotation}" with either a URL or a reason starting with "unapproved", see https://github.com/kubernetes/enhancements/pull/1111`,
  ];
}

type Annotated = { metadata?: { annotations?: Record<string, unknown> } };

/** validateAPIApproval: old is the stored CRD on update; an unchanged approval state is never an error. */
export function apiApprovalErrors(group: string, crd: Annotated, old?: Annotated): FieldError[] {
  if (!isProtectedCommunityGroup(group)) return [];
  const [state, reason] = approvalState(crd.metadata?.annotations);
  if (old && approvalState(old.metadata?.annotations)[0] === state) return [];
  const path = `metadata.annotations[${apiApprovedAnnotation}]`;
  if (state === "missing") return [fieldError.required(path, reason)];
  if (state === "invalid") return [fieldError.invalid(path, crd.metadata?.annotations?.[apiApprovedAnnotation] ?? "", reason)];
  return [];
}

/** validatePreserveUnknownFields. */
export function preserveUnknownFieldsErrors(preserve: boolean, oldPreserve?: boolean): FieldError[] {
  if (oldPreserve) return [];
  if (!preserve) return [];
  return [fieldError.invalid("spec.preserveUnknownFields", true, "cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead")];
}
