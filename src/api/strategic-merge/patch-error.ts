// Why a strategic merge patch cannot be applied, in kube's words, and the Status each answers with.
//
// kube's patch handler (interpretStrategicMergePatchError) answers a malformed directive list with 400
// BadRequest, a list of lists with 422 Invalid and a generic message, and passes every other error through
// as a Status without a reason ("Error from server: map: map[image:x] does not contain declared merge key:
// name"). kube sends that last group with code 500; this server keeps kube's message and empty reason (so
// kubectl prints the same line) but answers 400, since the fault is in the request, not the server.

import { badRequest } from "../errors.ts";
import { failure, type Status } from "../status.ts";
import { goType, goValue } from "./go-format.ts";

export type PatchErrorClass = "BadRequest" | "Invalid" | "Unknown";

export class StrategicMergeError extends Error {
  constructor(
    readonly errorClass: PatchErrorClass,
    message: string,
  ) {
    super(message);
  }

  toStatus(): Status {
    switch (this.errorClass) {
      case "BadRequest":
        return badRequest(this.message);
      case "Invalid":
        return failure(422, "Invalid", "the server rejected our request due to an error in our request", {});
      case "Unknown":
        return failure(400, undefined, this.message);
    }
  }
}

const bad = (message: string) => new StrategicMergeError("BadRequest", message);
const unknown = (message: string) => new StrategicMergeError("Unknown", message);

export const patchErrors = {
  primitiveListFormat: () => bad("invalid patch format of primitive list"),
  retainKeysFormat: () => bad("invalid patch format of retainKeys"),
  setElementOrderFormat: () => bad("invalid patch format of setElementOrder list"),
  listOfLists: () => new StrategicMergeError("Invalid", "lists of lists are not supported"),
  noMergeKey: (item: unknown, key: string) => unknown(`map: ${goValue(item)} does not contain declared merge key: ${key}`),
  badArgType: (expected: "map" | "list", actual: unknown) =>
    unknown(`expected a ${expected === "map" ? "map[string]interface {}" : "[]interface {}"}, but received a ${goType(actual)}`),
  badPatchType: (directive: string, map: unknown) => unknown(`unknown patch type: ${directive} in map: ${goValue(map)}`),
  mergeListDirective: () => unknown("merging lists cannot yet be specified in the patch"),
  noMergeKeyDeclared: () => unknown("cannot merge lists without merge key for type struct"),
  elementTypes: (lists: unknown[][]) => unknown(`list element types are not identical: ${goValue(lists)}`),
  notAMap: (index: number) => unknown(`value for key ${index} is not a map.`),
  unexpectedStrategy: (strategies: readonly string[]) => unknown(`unexpected patch strategy: ${goValue(strategies)}`),
  orderMismatch: (patchList: unknown[], order: unknown[]) =>
    unknown(`The order in patch list:\n${goValue(patchList)}\n doesn't match $setElementOrder list:\n${goValue(order)}\n`),
};
