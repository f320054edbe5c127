// authorization.k8s.io/v1 SubjectAccessReview: may this user do this? Answered, not stored.

import { z } from "zod";
import { invalid } from "../../api/errors.ts";
import type { KindDefinition } from "../definition.ts";
import { envelope } from "../schema-types.ts";
import { accessAttributes, accessReviewStatus, authorizationGroup, reviewStatus, reviewTable, specOf } from "./review-schema.ts";
import { subjectAccessReviewSpec, subjectOf, validateSubjectAccessSpec, type SubjectAccessSpec } from "./subject-access-review-spec.ts";

const schema = z
  .object({
    ...envelope,
    spec: subjectAccessReviewSpec.meta({ proto: 2, description: "The action and the user asked about." }),
    status: accessReviewStatus.meta({ proto: 3, description: "The answer, filled in by the server." }).optional(),
  })
  .meta({ definition: "io.k8s.api.authorization.v1.SubjectAccessReview", description: "Asks whether a user or group may perform an action." });

export const subjectAccessReviews = {
  group: authorizationGroup,
  version: "v1",
  kind: "SubjectAccessReview",
  plural: "subjectaccessreviews",
  singular: "subjectaccessreview",
  namespaced: false,
  verbs: ["create"],
  nameRule: "dns1123-subdomain",
  schema,
  async answerCreate(obj, ctx) {
    const s = specOf<SubjectAccessSpec>(obj);
    const errors = validateSubjectAccessSpec(s);
    if (errors.length > 0) return invalid(authorizationGroup, "SubjectAccessReview", "", errors);
    const decision = await ctx.services.authorizer.authorize(subjectOf(s), accessAttributes(s));
    return { ...obj, status: reviewStatus(decision) };
  },
  table: reviewTable,
} satisfies KindDefinition;
