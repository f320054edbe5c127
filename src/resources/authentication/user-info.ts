// authentication.k8s.io/v1 UserInfo: who a review found, as TokenReview and SelfSubjectReview report it.

import { z } from "zod";

export const userInfo = z
  .object({
    username: z.string().meta({ proto: 1, description: "The name that uniquely identifies this user among all active users." }).optional(),
    uid: z.string().meta({ proto: 2, description: "A unique value that identifies this user across time." }).optional(),
    groups: z.array(z.string()).meta({ proto: 3, listType: "atomic", description: "The names of groups this user is a part of." }).optional(),
    // map<string, ExtraValue> on the wire: ExtraValue is a message this codec does not model, so extra is JSON only.
    extra: z.record(z.string(), z.array(z.string())).meta({ description: "Any additional information provided by the authenticator." }).optional(),
  })
  .meta({ definition: "io.k8s.api.authentication.v1.UserInfo", description: "The information about the user needed to implement the user.Info interface." });
