// authorization.k8s.io/v1 SelfSubjectAccessReview: may I do this? (`kubectl auth can-i`). Answered, not stored.

import { z } from "zod";
import { invalid } from "../../api/errors.ts";
import type { KindDefinition } from "../definition.ts";
import { envelope } from "../schema-types.ts";
import { accessAttributes, accessReviewStatus, authorizationGroup, nonResourceAttributes, resourceAttributes, reviewStatus, reviewTable, specOf, validateAccessSpec, type AccessSpec } from "./review-schema.ts";

const spec = z
  .object({
    resourceAttributes: resourceAttributes.meta({ proto: 1, description: "An action on resources." }).optional(),
    nonResourceAttributes: nonResourceAttributes.meta({ proto: 2, description: "An action on a URL path." }).optional(),
  })
  .meta({ definition: "io.k8s.api.authorization.v1.SelfSubjectAccessReviewSpec", description: "The action asked about; exactly one of the two attributes." });

const schema = z
  .object({
    ...envelope,
    spec: spec.meta({ proto: 2, description: "The action asked about." }),
    status: accessReviewStatus.meta({ proto: 3, description: "The answer, filled in by the server." }).optional(),
  })
  .meta({ definition: "io.k8s.api.authorization.v1.SelfSubjectAccessReview", description: "Asks whether the requesting user may perform an action." });

export const selfSubjectAccessReviews = {
  group: authorizationGroup,
  version: "v1",
  kind: "SelfSubjectAccessReview",
  plural: "selfsubjectaccessreviews",
  singular: "selfsubjectaccessreview",
  namespaced: false,
  verbs: ["create"],
  nameRule: "dns1123-subdomain",
  schema,
  async answerCreate(obj, ctx) {
    const s = specOf<AccessSpec>(obj);
    const errors = validateAccessSpec(s);
    if (errors.length > 0) return invalid(authorizationGroup, "SelfSubjectAccessReview", "", errors);
    const decision = await ctx.services.authorizer.authorize(ctx.user, accessAttributes(s));
    return { ...obj, status: reviewStatus(decision) };
  },
  table: reviewTable,
} satisfies KindDefinition;
