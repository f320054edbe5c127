// authentication.k8s.io/v1 UserInfo: who a review found, as TokenReview and SelfSubjectReview report it.

import { z } from "zod";

export const userInfo = z
  .object({
    username: z.string().meta({ proto: 1, description: "The user's name, unique among the users known now." }).optional(),
    uid: z.string().meta({ proto: 2, description: "An identifier of the user that stays unique over time." }).optional(),
    groups: z.array(z.string()).meta({ proto: 3, listType: "atomic", description: "The groups the user belongs to." }).optional(),
    extra: z
      .record(z.string(), z.array(z.string()))
      .meta({ proto: 4, protoType: "StringList", description: "Further attributes of the user, as the authenticator gave them." })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.authentication.v1.UserInfo", description: "Who a user is: name, uid, groups and further attributes." });
