// authentication.k8s.io/v1 TokenRequest, the body of POST serviceaccounts/{name}/token (`kubectl create token`):
// a signed token for the service account, optionally bound to a Pod or Secret, nothing stored
// (kube's pkg/registry/core/serviceaccount/storage/token.go).

import { z } from "zod";
import { badRequest, conflict, invalid, notFound } from "../../api/errors.ts";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { KubeObject } from "../../api/object.ts";
import type { BodyType, SubresourceAction } from "../definition.ts";
import { envelope } from "../schema-types.ts";

const schema = z
  .object({
    ...envelope,
    spec: z
      .object({
        audiences: z.array(z.string()).meta({ proto: 1, listType: "atomic", description: "Intended audiences of the token." }).optional(),
        expirationSeconds: z.number().int().meta({ proto: 4, protoType: "int64", description: "The requested duration of validity of the token." }).optional(),
        boundObjectRef: z
          .object({
            kind: z.string().meta({ proto: 1, description: "Kind of the referent: Pod or Secret." }).optional(),
            apiVersion: z.string().meta({ proto: 2, description: "API version of the referent." }).optional(),
            name: z.string().meta({ proto: 3, description: "Name of the referent." }).optional(),
            uid: z.string().meta({ proto: 4, description: "UID of the referent." }).optional(),
          })
          .meta({ proto: 3, definition: "io.k8s.api.authentication.v1.BoundObjectReference", description: "The object the token is bound to." })
          .optional(),
      })
      .meta({ proto: 2, definition: "io.k8s.api.authentication.v1.TokenRequestSpec", description: "What the token is for." })
      .optional(),
    status: z
      .object({
        token: z.string().meta({ proto: 1, description: "The opaque bearer token." }).optional(),
        expirationTimestamp: z.string().meta({ proto: 2, protoType: "Time", description: "When the token expires." }).optional(),
      })
      .meta({ proto: 3, definition: "io.k8s.api.authentication.v1.TokenRequestStatus", description: "The token issued." })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.authentication.v1.TokenRequest", description: "Requests a token for a given service account." });

type TokenRequest = KubeObject & z.infer<typeof schema>;

export const tokenRequestType: BodyType = { group: "authentication.k8s.io", version: "v1", kind: "TokenRequest", schema };

const defaultExpirationSeconds = 3600;
const minExpirationSeconds = 600;
const maxExpirationSeconds = 2 ** 32;

/** kube's ValidateTokenRequest. */
export function validateTokenRequest(expirationSeconds: number): FieldError[] {
  if (expirationSeconds < minExpirationSeconds) {
    return [fieldError.invalid("spec.expirationSeconds", expirationSeconds, "may not specify a duration less than 10 minutes")];
  }
  if (expirationSeconds > maxExpirationSeconds) {
    return [fieldError.invalid("spec.expirationSeconds", expirationSeconds, "may not specify a duration larger than 2^32 seconds")];
  }
  return [];
}

const groupOf = (apiVersion: string | undefined) => (apiVersion?.includes("/") ? apiVersion.split("/")[0] : "");

/** POST serviceaccounts/{name}/token. */
export const serviceAccountToken: SubresourceAction = {
  type: tokenRequestType,
  async create(serviceAccount, body, ctx) {
    const request = body as TokenRequest;
    const spec = (request.spec ??= {});
    spec.expirationSeconds ??= defaultExpirationSeconds;
    const errors = validateTokenRequest(spec.expirationSeconds);
    if (errors.length) return invalid(tokenRequestType.group, tokenRequestType.kind, "", errors);
    const namespace = ctx.namespace;
    const bound: { pod?: { name: string; uid: string }; secret?: { name: string; uid: string } } = {};
    const ref = spec.boundObjectRef;
    if (ref) {
      const group = groupOf(ref.apiVersion);
      const kind = ref.kind ?? "";
      const resource = group === "" && kind === "Pod" ? "pods" : group === "" && kind === "Secret" ? "secrets" : undefined;
      if (!resource) {
        const version = ref.apiVersion?.split("/").pop() ?? "";
        return badRequest(`cannot bind token to object of type ${group}/${version}, Kind=${kind}`);
      }
      const name = ref.name ?? "";
      const target = await ctx.services.get(resource, namespace, name);
      if (!target) return notFound({ group: "", resource }, name);
      if (resource === "pods" && (target as { spec?: { serviceAccountName?: string } }).spec?.serviceAccountName !== serviceAccount.metadata.name) {
        return badRequest(`cannot bind token for serviceaccount "${serviceAccount.metadata.name}" to pod running with different serviceaccount name.`);
      }
      const uid = target.metadata.uid ?? "";
      if (ref.uid && ref.uid !== uid) {
        return conflict({ group: "", resource: kind }, name, `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`);
      }
      bound[resource === "pods" ? "pod" : "secret"] = { name, uid };
    }
    const issued = await ctx.services.issueServiceAccountToken({
      namespace,
      serviceAccount: { name: serviceAccount.metadata.name ?? "", uid: serviceAccount.metadata.uid ?? "" },
      ...bound,
      audiences: spec.audiences ?? [],
      expirationSeconds: spec.expirationSeconds,
    });
    spec.audiences = issued.audiences;
    request.status = { token: issued.token, expirationTimestamp: issued.expirationTimestamp };
    return request;
  },
};
