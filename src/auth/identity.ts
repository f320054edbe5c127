// Who a request is: kube's user.Info (name, uid, groups, extra) and the names kube gives service accounts.

import type { Requester } from "../registry/contract.ts";

export type UserInfo = Requester;

export const allAuthenticated = "system:authenticated";
export const allServiceAccounts = "system:serviceaccounts";
const serviceAccountPrefix = "system:serviceaccount:";

/** "system:serviceaccount:<namespace>:<name>" */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `${serviceAccountPrefix}${namespace}:${name}`;
}

/** The namespace and name a service account's username stands for; undefined for any other username. */
export function parseServiceAccountUsername(username: string): { namespace: string; name: string } | undefined {
  if (!username.startsWith(serviceAccountPrefix)) return undefined;
  const parts = username.slice(serviceAccountPrefix.length).split(":");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return { namespace: parts[0], name: parts[1] };
}

/** The groups every service account of a namespace is in: system:serviceaccounts and system:serviceaccounts:<ns>. */
export function serviceAccountGroups(namespace: string): string[] {
  return [allServiceAccounts, `${allServiceAccounts}:${namespace}`];
}

/** kube adds system:authenticated to every authenticated user (unless already there, or system:anonymous). */
export function withAuthenticatedGroup(user: UserInfo): UserInfo {
  if (user.groups.includes(allAuthenticated) || user.name === "system:anonymous") return user;
  return { ...user, groups: [...user.groups, allAuthenticated] };
}
