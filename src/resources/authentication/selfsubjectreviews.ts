// authentication.k8s.io/v1 SelfSubjectReview: who the caller is (`kubectl auth whoami`). Create only;
// answered from the request's own user and never stored.

import { z } from "zod";
import type { KubeObject } from "../../api/object.ts";
import type { KindDefinition } from "../definition.ts";
import { nameColumn } from "../table-columns.ts";
import { envelope } from "../schema-types.ts";
import { userInfo } from "./user-info.ts";

const schema = z
  .object({
    ...envelope,
    status: z
      .object({ userInfo: userInfo.meta({ proto: 1 }).optional() })
      .meta({ proto: 2, definition: "io.k8s.api.authentication.v1.SelfSubjectReviewStatus", description: "The user attributes of the caller." })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.authentication.v1.SelfSubjectReview", description: "The user information the server has about the caller." });

export const selfSubjectReviews = {
  group: "authentication.k8s.io",
  version: "v1",
  kind: "SelfSubjectReview",
  plural: "selfsubjectreviews",
  singular: "selfsubjectreview",
  namespaced: false,
  verbs: ["create"],
  nameRule: "dns1123-subdomain",
  schema,
  async answerCreate(obj, ctx) {
    const { name, uid, groups, extra } = ctx.user;
    const info: z.infer<typeof userInfo> = { username: name };
    if (uid) info.uid = uid;
    if (groups.length) info.groups = groups;
    if (extra && Object.keys(extra).length) info.extra = extra;
    return { ...obj, status: { userInfo: info } } as KubeObject;
  },
  table: { columns: [nameColumn], cells: (obj) => [obj.metadata.name ?? ""] },
} satisfies KindDefinition;
