// GET /version: kube 1.35's version.Info, all thirteen fields (the Python client reads them all).
//
// The numbers are the Kubernetes API this server is compatible with, not a kube binary: 1.35, emulating
// 1.35, and (like a 1.35 kube-apiserver) compatible back to 1.34. gitVersion carries "+edge" as semver
// build metadata, the way k3s writes "v1.35.0+k3s1": it marks a different server without making it a
// pre-release, so version constraints such as Helm's `kubeVersion: ">=1.25.0"` still match. There is no Go
// here: goVersion says so, compiler names the engine that compiles the code (V8 inside workerd), platform
// the runtime and instruction set ("workerd/javascript", in kube's os/arch form). Build facts the bundle
// does not know (commit, tree state, date) come in through `build`; without them they read "unknown".

export interface VersionInfo {
  major: string;
  minor: string;
  emulationMajor: string;
  emulationMinor: string;
  minCompatibilityMajor: string;
  minCompatibilityMinor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

/** What only the build knows. */
export interface BuildInfo {
  gitCommit: string;
  gitTreeState: "clean" | "dirty" | "unknown";
  /** RFC 3339, e.g. "2026-11-20T10:00:00Z". */
  buildDate: string;
}

export const unknownBuild: BuildInfo = { gitCommit: "unknown", gitTreeState: "unknown", buildDate: "unknown" };

export const kubeMajor = 1;
export const kubeMinor = 35;

export function versionInfo(build: BuildInfo = unknownBuild): VersionInfo {
  return {
    major: String(kubeMajor),
    minor: String(kubeMinor),
    emulationMajor: String(kubeMajor),
    emulationMinor: String(kubeMinor),
    minCompatibilityMajor: String(kubeMajor),
    minCompatibilityMinor: String(kubeMinor - 1),
    gitVersion: `v${kubeMajor}.${kubeMinor}.0+edge`,
    gitCommit: build.gitCommit,
    gitTreeState: build.gitTreeState,
    buildDate: build.buildDate,
    goVersion: "none",
    compiler: "v8",
    platform: "workerd/javascript",
  };
}

/** The body kube writes: the Info as JSON indented by two spaces. */
export function versionBody(info: VersionInfo): string {
  return JSON.stringify(info, null, 2);
}
