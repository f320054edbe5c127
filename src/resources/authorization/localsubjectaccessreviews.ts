// authorization.k8s.io/v1 LocalSubjectAccessReview: a SubjectAccessReview confined to the namespace it is
// created in, so that namespace admins can be granted it. Answered, not stored.

import { z } from "zod";
import { badRequest, invalid } from "../../api/errors.ts";
import { fieldError } from "../../api/field-errors.ts";
import type { KindDefinition } from "../definition.ts";
import { envelope } from "../schema-types.ts";
import { accessAttributes, accessReviewStatus, authorizationGroup, reviewStatus, reviewTable, specOf } from "./review-schema.ts";
import { subjectAccessReviewSpec, subjectOf, validateSubjectAccessSpec, type SubjectAccessSpec } from "./subject-access-review-spec.ts";

const schema = z
  .object({
    ...envelope,
    spec: subjectAccessReviewSpec.meta({ proto: 2, description: "The action and the user asked about; its namespace must be the review's." }),
    status: accessReviewStatus.meta({ proto: 3, description: "The answer, filled in by the server." }).optional(),
  })
  .meta({ definition: "io.k8s.api.authorization.v1.LocalSubjectAccessReview", description: "Asks whether a user or group may perform an action in this namespace." });

export const localSubjectAccessReviews = {
  group: authorizationGroup,
  version: "v1",
  kind: "LocalSubjectAccessReview",
  plural: "localsubjectaccessreviews",
  singular: "localsubjectaccessreview",
  namespaced: true,
  verbs: ["create"],
  nameRule: "dns1123-subdomain",
  schema,
  async answerCreate(obj, ctx) {
    const namespace = ctx.namespace;
    if (!namespace) return badRequest(`namespace is required on this type: ${namespace}`);
    const s = specOf<SubjectAccessSpec>(obj);
    if (s.resourceAttributes && s.resourceAttributes.namespace === undefined) s.resourceAttributes.namespace = namespace;
    const errors = validateSubjectAccessSpec(s);
    if (s.resourceAttributes && s.resourceAttributes.namespace !== (obj.metadata.namespace ?? namespace)) {
      errors.push(fieldError.invalid("spec.resourceAttributes.namespace", s.resourceAttributes.namespace ?? "", "must match metadata.namespace"));
    }
    if (s.nonResourceAttributes) errors.push(fieldError.invalid("spec.nonResourceAttributes", s.nonResourceAttributes, "disallowed on this kind of request"));
    if (errors.length > 0) return invalid(authorizationGroup, "LocalSubjectAccessReview", "", errors);
    const decision = await ctx.services.authorizer.authorize(subjectOf(s), accessAttributes(s));
    return { ...obj, status: reviewStatus(decision) };
  },
  table: reviewTable,
} satisfies KindDefinition;
