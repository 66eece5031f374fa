// A check is declared, not looped (kube-linter style): its metadata, the scope it judges, when it applies,
// typed parameters with defaults, and a small `run` that emits results through its context. The engine
// does the iteration, the uniform skipping and the stamping of every result (id, severity, object).
import type { z } from "zod";
import type { CheckMeta, ObjectRef } from "../types";
import type { Binding } from "./rbac";
import type {
  At,
  Check,
  CheckContext,
  Outcome,
  ParamSpec,
  ParamSpecs,
  ParamValues,
  RunContext,
  Scope,
  SubjectOf,
} from "./types";
import { containerRef, refOf, type ContainerInfo, type Workload } from "./workloads";

export interface CheckDefinition<S extends Scope, P extends ParamSpecs, T> extends CheckMeta {
  scope: S;
  params?: P;
  /** The parts of a bundled check that results name in `concern` (resource-limits: cpu, memory). */
  concerns?: readonly string[];
  /** Runs once per analysis before the subjects: indexes over the snapshot that `run` reads as `prepared`. */
  prepare?: (ctx: RunContext<ParamValues<P>, undefined>) => T;
  /**
   * Whether the subject is this check's business: false gives no result at all (not its kind of subject),
   * a string gives a `skip` result with that reason (not applicable here), true runs the check.
   */
  applies?: (subject: SubjectOf<S>, ctx: RunContext<ParamValues<P>, T>) => boolean | string;
  /** Judges one subject, emitting its result(s) through ctx.pass / ctx.fail / ctx.skip. */
  run: (subject: SubjectOf<S>, ctx: RunContext<ParamValues<P>, T>) => void;
}

/** A parameter of a check: its zod schema, default and a sentence for the catalogue. */
export function param<T>(schema: z.ZodType<T>, defaultValue: T, description: string): ParamSpec<T> {
  return { schema, default: defaultValue, description };
}

const BINDING_PATH = { path: "roleRef" };

/** The subjects of a scope, in snapshot order. */
function subjectsOf(scope: Scope, ctx: CheckContext): readonly unknown[] {
  switch (scope.type) {
    case "kinds":
      if (scope.kinds === "*") return ctx.objects;
      return scope.kinds.length === 1
        ? ctx.ofKind(scope.kinds[0] as string)
        : scope.kinds.flatMap((k) => ctx.ofKind(k));
    case "workload":
      return scope.specless ? ctx.workloadObjects : ctx.workloads;
    case "container": {
      const out: ContainerInfo[] = [];
      for (const w of ctx.workloads) {
        const list =
          scope.containers === "regular"
            ? w.regular
            : scope.containers === "runtime"
              ? w.runtime
              : w.containers;
        for (const c of list) out.push(c);
      }
      return out;
    }
    case "binding":
      return ctx.bindings;
    case "cluster":
      return [null];
  }
}

/** The result's object: `at` resolved against the subject (see At). */
function locate(scope: Scope, subject: unknown, at: At | undefined): ObjectRef | null {
  if (at?.object !== undefined) return at.object;
  switch (scope.type) {
    case "kinds": {
      const obj = subject as Parameters<typeof refOf>[0];
      return at?.path !== undefined ? refOf(obj, { path: at.path }) : refOf(obj);
    }
    case "workload": {
      const w = subject as Workload;
      if (at?.container) return containerRef(w, at.container, at.field);
      if (at?.path !== undefined) return refOf(w.object, { path: at.path });
      if (at?.field !== undefined) return refOf(w.object, { path: `${w.podSpecPath}.${at.field}` });
      return refOf(w.object);
    }
    case "container": {
      const c = subject as ContainerInfo;
      return containerRef(c.workload, c, at?.field);
    }
    case "binding": {
      const b = subject as Binding;
      return refOf(b.object, at?.path !== undefined ? { path: at.path } : BINDING_PATH);
    }
    case "cluster":
      return null;
  }
}

/** Declares a check; the engine runs it over its scope (see CheckDefinition). */
export function defineCheck<
  const S extends Scope,
  P extends ParamSpecs = Record<never, ParamSpec>,
  T = undefined,
>(def: CheckDefinition<S, P, T>): Check {
  const { scope, prepare, applies, run } = def;
  const evaluate: Check["evaluate"] = (snapshot, { severity, params }, sink) => {
    const checkId = def.id;
    let subject: unknown = null;
    const emit = (status: Outcome["status"], message: string, at: At | undefined) => {
      if (!sink.wants(status)) {
        sink.count(status);
        return;
      }
      const result: Outcome = {
        checkId,
        status,
        severity: at?.severity ?? severity,
        message,
        object: locate(scope, subject, at),
      };
      if (at?.concern !== undefined) result.concern = at.concern;
      sink.add(result);
    };
    // The snapshot's indexes are inherited, not copied: one context object per check and analysis.
    const ctx = Object.create(snapshot) as RunContext<ParamValues<P>, T> & { prepared: T };
    Object.assign(ctx, {
      params: params as ParamValues<P>,
      prepared: undefined,
      pass: (message: string, at?: At) => emit("pass", message, at),
      fail: (message: string, at?: At) => emit("fail", message, at),
      skip: (message: string, at?: At) => emit("skip", message, at),
    });
    if (prepare) ctx.prepared = prepare(ctx as unknown as RunContext<ParamValues<P>, undefined>);
    for (const s of subjectsOf(scope, snapshot)) {
      subject = s;
      if (scope.type === "binding") {
        const b = s as Binding;
        if (b.builtIn) continue;
        if (!b.rules) {
          emit("skip", `${b.roleKind} ${b.roleName} is not in the snapshot`, undefined);
          continue;
        }
      }
      if (applies) {
        const verdict = applies(s as SubjectOf<S>, ctx);
        if (verdict === false) continue;
        if (typeof verdict === "string") {
          emit("skip", verdict, undefined);
          continue;
        }
      }
      run(s as SubjectOf<S>, ctx);
    }
  };
  return {
    id: def.id,
    title: def.title,
    category: def.category,
    severity: def.severity,
    rationale: def.rationale,
    remediation: def.remediation,
    references: def.references,
    scope,
    params: def.params ?? {},
    concerns: def.concerns ?? [],
    evaluate,
  };
}

/** Every parameter of a check at its default value. */
export function defaultParams(check: Pick<Check, "params">): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(check.params)) out[name] = spec.default;
  return out;
}

export interface ParamIssue {
  param: string;
  message: string;
}

/**
 * A check's parameter values: defaults overlaid with `given`, each validated by its schema. Returns the
 * values, or the problems found (unknown names, invalid values).
 */
export function resolveParams(
  check: Pick<Check, "id" | "params">,
  given: Readonly<Record<string, unknown>> | undefined,
): { ok: true; values: Record<string, unknown> } | { ok: false; issues: ParamIssue[] } {
  const values = defaultParams(check);
  const issues: ParamIssue[] = [];
  for (const [name, value] of Object.entries(given ?? {})) {
    const spec = check.params[name];
    if (!spec) {
      const known = Object.keys(check.params);
      issues.push({
        param: name,
        message: `unknown parameter of ${check.id}${known.length > 0 ? ` (known: ${known.join(", ")})` : " (it has none)"}`,
      });
      continue;
    }
    const parsed = spec.schema.safeParse(value);
    if (parsed.success) values[name] = parsed.data;
    else issues.push({ param: name, message: parsed.error.issues.map((i) => i.message).join("; ") });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, values };
}
