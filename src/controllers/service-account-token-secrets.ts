// kube's tokens controller for legacy token Secrets: a Secret of type kubernetes.io/service-account-token that
// names a service account gets a token (signed for that account and secret), the namespace and ca.crt put in
// its data, and the account's uid in an annotation. A Secret naming a missing account (or an account of
// another uid) is deleted, as kube deletes it. Runs in the namespace's shard, after the Secret is committed.

import { cloneJson, type KubeObject } from "../api/object.ts";
import { authConfig } from "../auth/auth-config.ts";
import { issueLegacyToken } from "../auth/tokens/service-account-tokens.ts";
import type { Env } from "../env.ts";
import { executeWrite, type Answer } from "../registry/execute-write.ts";
import type { ShardView } from "../registry/shard-view.ts";
import { secrets, secretType, serviceAccountNameAnnotation, serviceAccountUidAnnotation } from "../resources/core/secrets.ts";

const controller = { name: "system:serviceaccount:kube-system:tokens-controller", groups: ["system:serviceaccounts", "system:serviceaccounts:kube-system"] };
const secretsKind = { group: "", version: "v1", plural: "secrets" };

function encodeBase64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

type Secret = KubeObject & { type?: string; data?: Record<string, string> };

/** Whether a committed Secret still waits for its token. */
export function needsToken(obj: KubeObject): boolean {
  const secret = obj as Secret;
  return secret.type === secretType.serviceAccountToken && !secret.metadata.deletionTimestamp && !secret.data?.token;
}

/** The job that fills in (or deletes) the Secret `name`, in the shard's write order. */
export function populateTokenSecret(env: Env, name: string): (view: ShardView, now: Date) => Promise<Answer> {
  return async (view, now) => {
    const nothing: Answer = () => ({ ok: true, code: 200, items: [] });
    const secret = (await view.load("secrets", name)) as Secret | undefined;
    if (!secret || !needsToken(secret)) return nothing;
    const annotations = secret.metadata.annotations ?? {};
    const accountName = annotations[serviceAccountNameAnnotation] ?? "";
    const account = accountName ? await view.load("serviceaccounts", accountName) : undefined;
    const wantedUid = annotations[serviceAccountUidAnnotation];
    const base = { kind: secretsKind, namespace: view.namespace, dryRun: false, user: controller, name };
    if (!account || (wantedUid && wantedUid !== account.metadata.uid)) {
      return executeWrite(secrets, { ...base, op: "delete", options: {} }, view, now);
    }
    const config = await authConfig(env);
    if (!config.keys.signer) return nothing;
    const uid = account.metadata.uid ?? "";
    const token = await issueLegacyToken(config.keys, view.namespace, { name: accountName, uid }, name);
    const body = cloneJson(secret);
    body.metadata.annotations = { ...annotations, [serviceAccountUidAnnotation]: uid };
    body.data = { ...body.data, token: encodeBase64(token), namespace: encodeBase64(view.namespace) };
    if (config.caCert) body.data["ca.crt"] = encodeBase64(config.caCert);
    return executeWrite(secrets, { ...base, op: "update", body }, view, now);
  };
}
