// kube's ordering of API versions within a group: GA before beta before alpha, higher numbers first
// (v2, v1, v1beta2, v1beta1, v1alpha1), then any version that does not look like a kube version, by name.

const kubeVersion = /^v([1-9][0-9]*)(?:(alpha|beta)([1-9][0-9]*))?$/;
const stability = { "": 2, beta: 1, alpha: 0 } as const;

/** Negative when `a` is preferred over `b`; usable with Array.prototype.sort. */
export function compareVersionPriority(a: string, b: string): number {
  const ma = kubeVersion.exec(a);
  const mb = kubeVersion.exec(b);
  if (!ma || !mb) {
    if (ma) return -1;
    if (mb) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const sa = stability[(ma[2] ?? "") as keyof typeof stability];
  const sb = stability[(mb[2] ?? "") as keyof typeof stability];
  if (sa !== sb) return sb - sa;
  const major = Number(mb[1]) - Number(ma[1]);
  if (major !== 0) return major;
  return Number(mb[3] ?? 0) - Number(ma[3] ?? 0);
}
