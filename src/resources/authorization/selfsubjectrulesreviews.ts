// authorization.k8s.io/v1 SelfSubjectRulesReview: what may I do in this namespace? (`kubectl auth can-i --list`).
// Answered from the rules RBAC resolves for the user, not stored.

import { z } from "zod";
import { badRequest } from "../../api/errors.ts";
import type { KindDefinition } from "../definition.ts";
import { envelope } from "../schema-types.ts";
import { authorizationGroup, reviewTable } from "./review-schema.ts";

const strings = (proto: number, description: string) => z.array(z.string()).meta({ proto, listType: "atomic", description }).optional();

const resourceRule = z
  .object({
    verbs: z.array(z.string()).meta({ proto: 1, listType: "atomic", description: "The verbs allowed; \"*\" means all." }),
    apiGroups: strings(2, "The API groups of the resources; \"*\" means all."),
    resources: strings(3, "The resources; \"*\" means all, \"*/sub\" a subresource of any."),
    resourceNames: strings(4, "The names the rule is limited to; empty means all."),
  })
  .meta({ definition: "io.k8s.api.authorization.v1.ResourceRule", description: "Actions the user may perform on resources." });

const nonResourceRule = z
  .object({
    verbs: z.array(z.string()).meta({ proto: 1, listType: "atomic", description: "The verbs allowed; \"*\" means all." }),
    nonResourceURLs: strings(2, "The URL paths; a final \"*\" matches any suffix."),
  })
  .meta({ definition: "io.k8s.api.authorization.v1.NonResourceRule", description: "Actions the user may perform on URL paths." });

const spec = z
  .object({ namespace: z.string().meta({ proto: 1, description: "The namespace to list the rules for. Required." }).optional() })
  .meta({ definition: "io.k8s.api.authorization.v1.SelfSubjectRulesReviewSpec", description: "Which namespace to list the rules for." });

const status = z
  .object({
    resourceRules: z.array(resourceRule).meta({ proto: 1, listType: "atomic", description: "What the user may do with resources." }).optional(),
    nonResourceRules: z.array(nonResourceRule).meta({ proto: 2, listType: "atomic", description: "What the user may do with URL paths." }).optional(),
    incomplete: z.boolean().meta({ proto: 3, description: "Whether the lists may lack rules an authorizer could not list." }).optional(),
    evaluationError: z.string().meta({ proto: 4, description: "An error met while listing; the lists may be incomplete." }).optional(),
  })
  .meta({ definition: "io.k8s.api.authorization.v1.SubjectRulesReviewStatus", description: "The rules the user holds in the namespace." });

const schema = z
  .object({
    ...envelope,
    spec: spec.meta({ proto: 2, description: "The namespace asked about." }),
    status: status.meta({ proto: 3, description: "The rules, filled in by the server." }).optional(),
  })
  .meta({ definition: "io.k8s.api.authorization.v1.SelfSubjectRulesReview", description: "Lists what the requesting user may do in a namespace." });

export const selfSubjectRulesReviews = {
  group: authorizationGroup,
  version: "v1",
  kind: "SelfSubjectRulesReview",
  plural: "selfsubjectrulesreviews",
  singular: "selfsubjectrulesreview",
  namespaced: false,
  verbs: ["create"],
  nameRule: "dns1123-subdomain",
  schema,
  async answerCreate(obj, ctx) {
    const namespace = (obj.spec as { namespace?: string } | undefined)?.namespace ?? "";
    if (!namespace) return badRequest("no namespace on request");
    const { rules, errors } = await ctx.services.authorizer.rulesFor(ctx.user, namespace);
    const resourceRules = rules
      .filter((r) => r.resources?.length)
      .map((r) => ({ verbs: r.verbs, apiGroups: r.apiGroups, resources: r.resources, resourceNames: r.resourceNames }));
    const nonResourceRules = rules.filter((r) => r.nonResourceURLs?.length).map((r) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs }));
    const answer: Record<string, unknown> = { resourceRules, nonResourceRules, incomplete: false };
    // utilerrors.NewAggregate's text: one error alone, several in brackets.
    if (errors.length > 0) answer.evaluationError = errors.length === 1 ? errors[0] : `[${errors.join(", ")}]`;
    return { apiVersion: `${authorizationGroup}/v1`, kind: "SelfSubjectRulesReview", metadata: obj.metadata, spec: {}, status: answer };
  },
  table: reviewTable,
} satisfies KindDefinition;
