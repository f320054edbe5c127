// authentication.k8s.io/v1 TokenReview: asks who a token authenticates, for which audiences. Create only;
// answered at once and never stored (kube's pkg/registry/authentication/tokenreview).

import { z } from "zod";
import { badRequest } from "../../api/errors.ts";
import type { KubeObject } from "../../api/object.ts";
import type { KindDefinition } from "../definition.ts";
import { nameColumn } from "../table-columns.ts";
import { envelope } from "../schema-types.ts";
import { userInfo } from "./user-info.ts";

const schema = z
  .object({
    ...envelope,
    spec: z
      .object({
        token: z.string().meta({ proto: 1, description: "The opaque bearer token." }).optional(),
        audiences: z.array(z.string()).meta({ proto: 2, listType: "atomic", description: "Identifiers the resource server presents with the token." }).optional(),
      })
      .meta({ proto: 2, definition: "io.k8s.api.authentication.v1.TokenReviewSpec", description: "The token to review." }),
    status: z
      .object({
        authenticated: z.boolean().meta({ proto: 1, omitEmpty: true, description: "Whether the token could be associated with a user." }).optional(),
        user: userInfo.meta({ proto: 2 }).optional(),
        audiences: z.array(z.string()).meta({ proto: 4, listType: "atomic", description: "Audience identifiers chosen by the authenticator." }).optional(),
        error: z.string().meta({ proto: 3, description: "Why the token could not be checked." }).optional(),
      })
      .meta({ proto: 3, definition: "io.k8s.api.authentication.v1.TokenReviewStatus", description: "The result of the review." })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.authentication.v1.TokenReview", description: "Attempts to authenticate a token to a known user." });

type TokenReview = KubeObject & z.infer<typeof schema>;

export const tokenReviews = {
  group: "authentication.k8s.io",
  version: "v1",
  kind: "TokenReview",
  plural: "tokenreviews",
  singular: "tokenreview",
  namespaced: false,
  verbs: ["create"],
  nameRule: "dns1123-subdomain",
  schema,
  async answerCreate(obj, ctx) {
    const review = obj as TokenReview;
    const token = review.spec?.token ?? "";
    if (token === "") return badRequest("token is required for TokenReview in authentication");
    const result = await ctx.services.reviewToken(token, review.spec.audiences ?? []);
    review.status = result.authenticated
      ? { authenticated: true, user: result.user, audiences: result.audiences }
      : { authenticated: false, user: {}, error: result.error };
    return review;
  },
  table: { columns: [nameColumn], cells: (obj) => [obj.metadata.name ?? ""] },
} satisfies KindDefinition;
