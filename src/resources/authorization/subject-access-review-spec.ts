// SubjectAccessReviewSpec, shared by SubjectAccessReview and LocalSubjectAccessReview: the action and the user
// (name, groups, extra, uid) it is asked for.

import { z } from "zod";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { UserInfo } from "../../auth/rbac/policy-rule.ts";
import { nonResourceAttributes, resourceAttributes, validateAccessSpec, type AccessSpec } from "./review-schema.ts";

export const subjectAccessReviewSpec = z
  .object({
    resourceAttributes: resourceAttributes.meta({ proto: 1, description: "An action on resources." }).optional(),
    nonResourceAttributes: nonResourceAttributes.meta({ proto: 2, description: "An action on a URL path." }).optional(),
    user: z.string().meta({ proto: 3, description: "The user asked about." }).optional(),
    groups: z.array(z.string()).meta({ proto: 4, listType: "atomic", description: "The groups asked about." }).optional(),
    extra: z
      .record(z.string(), z.array(z.string()))
      .meta({ proto: 5, protoType: "StringList", description: "The user's extra attributes, as an authenticator gives them." })
      .optional(),
    uid: z.string().meta({ proto: 6, description: "The uid of the user asked about." }).optional(),
  })
  .meta({ definition: "io.k8s.api.authorization.v1.SubjectAccessReviewSpec", description: "An action and the user it is asked for; exactly one of the two attributes." });

export interface SubjectAccessSpec extends AccessSpec {
  user?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
  uid?: string;
}

export function validateSubjectAccessSpec(spec: SubjectAccessSpec): FieldError[] {
  const errors = validateAccessSpec(spec);
  if (!spec.user && !spec.groups?.length) errors.push(fieldError.invalid("spec.user", spec.user ?? "", "at least one of user or group must be specified"));
  return errors;
}

export function subjectOf(spec: SubjectAccessSpec): UserInfo {
  const user: UserInfo = { name: spec.user ?? "", groups: spec.groups ?? [] };
  if (spec.uid) user.uid = spec.uid;
  if (spec.extra) user.extra = spec.extra;
  return user;
}
