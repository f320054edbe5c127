import { expect, it } from "vitest";
import { compareVersionPriority } from "./version-priority.ts";

it("orders versions as kube does: GA, beta, alpha, higher first, then other names", () => {
  const versions = ["v1alpha1", "foo10", "v1", "v2beta1", "v1beta1", "foo1", "v2", "v11alpha2", "v12alpha1", "v1beta2"];
  expect(versions.sort(compareVersionPriority)).toEqual(["v2", "v1", "v2beta1", "v1beta2", "v1beta1", "v12alpha1", "v11alpha2", "v1alpha1", "foo1", "foo10"]);
});
