// The runtime cost limit of a CEL evaluation. cel-go charges each evaluation step against a per-call limit
// (kube: 1,000,000) and the rules of one object against a budget (kube: 10,000,000). The library has no cost
// tracking of its own, so every environment's evaluator is metered: each AST node it evaluates costs one unit
// (library functions charge more for work proportional to their input). Time cannot stand in for cost inside
// workerd, where the clock does not advance during synchronous work.
//
// Evaluation is synchronous and single-threaded, so one meter serves every environment. The hook relies on the
// library's internals (an evaluator whose run method visits every node), hence its exact version in package.json;
// the cost tests fail if an upgrade changes that.

import { EvaluationError } from "@marcbachmann/cel-js";

/** kube's per-expression runtime cost limit (celconfig.PerCallLimit). */
export const perCallLimit = 1_000_000;
/** kube's runtime cost budget for all rules of one custom resource (celconfig.RuntimeCELCostBudget). */
export const runtimeCostBudget = 10_000_000;

export const costLimitExceeded = "operation cancelled: actual cost limit exceeded";

interface Meter {
  remaining: number;
  exceeded: boolean;
}

const meter: Meter = { remaining: Number.POSITIVE_INFINITY, exceeded: false };

function exceededError(): EvaluationError {
  return new EvaluationError({ code: "cost_limit_exceeded", message: costLimitExceeded });
}

/** Charges units of work; throws once the limit of the running evaluation is exceeded. */
export function charge(units: number): void {
  meter.remaining -= units;
  if (meter.remaining < 0) {
    meter.exceeded = true;
    throw exceededError();
  }
}

/** Runs fn with a fresh per-call limit: its cost, and whether it went over the limit (its result is then void). */
export function metered<T>(limit: number, fn: () => T): { value?: T; error?: unknown; cost: number; exceeded: boolean } {
  const outer = { ...meter };
  meter.remaining = limit;
  meter.exceeded = false;
  try {
    const value = fn();
    return { value, cost: limit - meter.remaining, exceeded: meter.exceeded };
  } catch (error) {
    return { error, cost: limit - meter.remaining, exceeded: meter.exceeded };
  } finally {
    meter.remaining = outer.remaining;
    meter.exceeded = outer.exceeded;
  }
}

interface EvaluatorLike {
  run(ast: unknown, ctx: unknown): unknown;
}

/**
 * A library function whose only job is to be called once per environment: the library calls functions with the
 * environment's evaluator as `this`, and every node the evaluator visits goes through its run method, which this
 * wraps with the meter.
 */
export function meterInstaller(this: EvaluatorLike): boolean {
  if (!Object.prototype.hasOwnProperty.call(this, "run")) {
    const run = this.run;
    const evaluator = this;
    evaluator.run = function meteredRun(ast: unknown, ctx: unknown): unknown {
      if (meter.exceeded || --meter.remaining < 0) {
        meter.exceeded = true;
        throw exceededError();
      }
      return run.call(evaluator, ast, ctx);
    };
  }
  return true;
}

/** The name under which meterInstaller is registered (it answers true; a rule that calls it learns nothing). */
export const meterInstallerName = "__kubernetes_cel_meter__";
