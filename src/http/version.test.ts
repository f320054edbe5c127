import { expect, it } from "vitest";
import { versionBody, versionInfo } from "./version.ts";

const fields = ["major", "minor", "emulationMajor", "emulationMinor", "minCompatibilityMajor", "minCompatibilityMinor", "gitVersion", "gitCommit", "gitTreeState", "buildDate", "goVersion", "compiler", "platform"];

it("fills every field of kube 1.35's version.Info with a string", () => {
  const info = versionInfo();
  expect(Object.keys(info)).toEqual(fields);
  for (const value of Object.values(info)) expect(typeof value).toBe("string");
  expect(info).toMatchObject({ major: "1", minor: "35", emulationMajor: "1", emulationMinor: "35", minCompatibilityMajor: "1", minCompatibilityMinor: "34" });
});

it("gives a semver gitVersion that is not a pre-release", () => {
  // Semantic Versioning 2.0: build metadata after "+", no "-" pre-release part.
  expect(versionInfo().gitVersion).toMatch(/^v1\.35\.0\+[0-9A-Za-z.-]+$/);
});

it("takes what the build knows", () => {
  const info = versionInfo({ gitCommit: "0123abc", gitTreeState: "clean", buildDate: "2026-11-20T10:00:00Z" });
  expect(info).toMatchObject({ gitCommit: "0123abc", gitTreeState: "clean", buildDate: "2026-11-20T10:00:00Z" });
});

it("is written as kube writes it: JSON indented by two spaces", () => {
  expect(versionBody(versionInfo())).toMatch(/^\{\n {2}"major": "1",\n {2}"minor": "35",/);
});
