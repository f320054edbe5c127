// What kinds answered without storing may ask of authentication: review a token (TokenReview) and sign a
// service-account token (TokenRequest). Built per request from the Worker's bindings.

import type { Env } from "../env.ts";
import { ObjectReader } from "../storage/object-reader.ts";
import type { AnswerServices } from "../resources/definition.ts";
import { authConfig } from "./auth-config.ts";
import { rbacAuthorizer } from "./rbac/authorization.ts";
import { authenticateToken } from "./authenticate.ts";
import { d1Lookup } from "./tokens/object-lookup.ts";
import { issueBoundToken } from "./tokens/service-account-tokens.ts";

export function answerServices(env: Env, now: Date = new Date()): AnswerServices {
  const reader = new ObjectReader(env.DB);
  return {
    async reviewToken(token, audiences) {
      const result = await authenticateToken(token, await authConfig(env), d1Lookup(env.DB), { audiences, now });
      if (!result.ok) return { authenticated: false, error: result.error };
      const { name, uid, groups, extra } = result.user;
      return { authenticated: true, user: { username: name, uid, groups, extra }, audiences: result.audiences };
    },
    async issueServiceAccountToken(request) {
      const config = await authConfig(env);
      const audiences = request.audiences.length ? request.audiences : config.apiAudiences;
      const { token, expiresAt } = await issueBoundToken(config.keys, {
        issuer: config.issuers[0],
        namespace: request.namespace,
        serviceAccount: request.serviceAccount,
        pod: request.pod,
        secret: request.secret,
        audiences,
        expirationSeconds: request.expirationSeconds,
        now,
        jti: crypto.randomUUID(),
      });
      return { token, expirationTimestamp: expiresAt.toISOString().replace(/\.\d{3}Z$/, "Z"), audiences };
    },
    get: (resource, namespace, name) => reader.get(resource, namespace, name),
    authorizer: rbacAuthorizer(env.DB),
  };
}
