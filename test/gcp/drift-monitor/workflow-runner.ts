/**
 * Runs a whole generated workflow document with the expression evaluator of the training
 * pipeline tests (../training-pipeline/workflows-interpreter.ts), adding the step kinds a main
 * workflow uses: `call` (of a subworkflow of the document, or of a connector the test stubs, with
 * `args` and `result`), nested `steps`, `for` (`value`/`in`, `next: continue`/`break`), jumps
 * between nesting levels, and the standard-library functions the drift workflow calls
 * (`int`, `len`, `default`, `list.concat`, `json.encode_to_string`, `text.substring`,
 * `sys.get_env`, `sys.now`, `time.format`, `time.parse`).
 *
 * Like the interpreter, it refuses what it does not know rather than guessing.
 */
import { evaluate, FUNCTIONS, WorkflowRaise } from '../training-pipeline/workflows-interpreter';

type Value = unknown;
type Env = Record<string, Value>;
type Step = [string, Record<string, any>];
type Outcome = { kind: 'end' } | { kind: 'return'; value: Value } | { kind: 'jump'; target: string };

export { WorkflowRaise };

/** A connector call the test answers: the call name, its evaluated args. */
export interface ConnectorCall {
  readonly name: string;
  readonly args: Record<string, any>;
}

/** What a run needs besides the document. */
export interface RunOptions {
  /** Stubbed connectors, by call name; each receives the evaluated args and returns the result. */
  readonly connectors: Record<string, (args: Record<string, any>) => Value>;
  /** The environment `sys.get_env` reads. */
  readonly env: Record<string, string>;
  /** `sys.now()`, seconds since the epoch. */
  readonly now: number;
}

/** The result of a run, and the connector calls it made, in order. */
export interface RunResult {
  readonly result: Value;
  readonly calls: ConnectorCall[];
}

/** Runs `document.main` with `args`. */
export function runWorkflow(document: Record<string, { params?: string[]; steps: Array<Record<string, any>> }>, args: Value, options: RunOptions): RunResult {
  const calls: ConnectorCall[] = [];
  const functions: Record<string, (...a: Value[]) => Value> = {
    ...FUNCTIONS,
    'int': (v) => {
      const n = typeof v === 'string' ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isFinite(n)) {
        throw new Error(`int(${JSON.stringify(v)})`);
      }
      return Math.trunc(n);
    },
    'len': (v) => {
      if (!Array.isArray(v) && typeof v !== 'string') {
        throw new Error(`len(${JSON.stringify(v)})`);
      }
      return v.length;
    },
    'default': (v, d) => (v === null || v === undefined ? d : v),
    'list.concat': (l, v) => {
      if (!Array.isArray(l)) {
        throw new Error(`list.concat on ${JSON.stringify(l)}`);
      }
      return [...l, v];
    },
    'json.encode_to_string': (v) => JSON.stringify(v),
    'text.substring': (s, a, b) => String(s).substring(a as number, b as number),
    'sys.get_env': (name) => {
      const value = options.env[name as string];
      if (value === undefined) {
        throw new Error(`no environment variable ${String(name)}`);
      }
      return value;
    },
    'sys.now': () => options.now,
    // Workflows formats with microseconds: 2024-05-02T00:00:00.000000Z.
    'time.format': (seconds) => new Date((seconds as number) * 1000).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z'),
    'time.parse': (text) => {
      const ms = Date.parse(text as string);
      if (Number.isNaN(ms)) {
        throw new Error(`time.parse(${JSON.stringify(text)})`);
      }
      return ms / 1000;
    },
  };
  const valueOf = (value: Value, env: Env): Value => {
    if (typeof value === 'string' && value.startsWith('${') && value.endsWith('}')) {
      return evaluate(value.slice(2, -1), env, functions);
    }
    if (Array.isArray(value)) {
      return value.map((v) => valueOf(v, env));
    }
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, valueOf(v, env)]));
    }
    return value;
  };

  const runSub = (name: string, callArgs: Env): Value => {
    const sub = document[name];
    const env: Env = Object.fromEntries((sub.params ?? []).map((p) => [p, callArgs[p] ?? null]));
    const outcome = runSteps(sub.steps.map((s) => Object.entries(s)[0] as Step), env, false);
    if (outcome.kind === 'jump') {
      throw new Error(`no step ${outcome.target} in ${name}`);
    }
    return outcome.kind === 'return' ? outcome.value : null;
  };

  const runSteps = (steps: Step[], env: Env, inLoop: boolean): Outcome => {
    let index = 0;
    for (let guard = 0; guard < 10_000 && index < steps.length; guard++) {
      const [, body] = steps[index];
      const known = ['switch', 'assign', 'return', 'raise', 'next', 'call', 'args', 'result', 'steps', 'for'];
      const unknown = Object.keys(body).filter((k) => !known.includes(k));
      if (unknown.length > 0) {
        throw new Error(`the runner does not run ${unknown.join(', ')}`);
      }
      let next: string | undefined = body.next;
      if (body.assign) {
        for (const assignment of body.assign) {
          const [name, value] = Object.entries(assignment)[0];
          env[name] = valueOf(value, env);
        }
      }
      if (body.call) {
        const evaluated = valueOf(body.args ?? {}, env) as Record<string, any>;
        let result: Value;
        if (document[body.call] !== undefined) {
          result = runSub(body.call, evaluated);
        } else {
          const stub = options.connectors[body.call];
          if (stub === undefined) {
            throw new Error(`no stub for connector ${body.call}`);
          }
          calls.push({ name: body.call, args: evaluated });
          result = stub(evaluated);
        }
        if (body.result) {
          env[body.result] = result;
        }
      }
      if (body.steps) {
        const outcome = runSteps(body.steps.map((s: Record<string, any>) => Object.entries(s)[0] as Step), env, inLoop);
        if (outcome.kind === 'return') {
          return outcome;
        }
        if (outcome.kind === 'jump') {
          next = outcome.target;
        }
      }
      if (body.for) {
        const items = valueOf(body.for.in, env);
        if (!Array.isArray(items)) {
          throw new Error(`for over ${JSON.stringify(items)}`);
        }
        for (const item of items) {
          env[body.for.value] = item;
          const outcome = runSteps(body.for.steps.map((s: Record<string, any>) => Object.entries(s)[0] as Step), env, true);
          if (outcome.kind === 'return') {
            return outcome;
          }
          if (outcome.kind === 'jump' && outcome.target === 'break') {
            break;
          }
          if (outcome.kind === 'jump' && outcome.target !== 'continue') {
            throw new Error(`a jump out of a for loop to ${outcome.target}`);
          }
        }
      }
      if (body.switch) {
        for (const c of body.switch) {
          const verdict = valueOf(c.condition, env);
          if (typeof verdict !== 'boolean') {
            throw new Error(`condition ${c.condition} is ${JSON.stringify(verdict)}`);
          }
          if (verdict) {
            next = c.next;
            break;
          }
        }
      }
      if ('return' in body) {
        return { kind: 'return', value: valueOf(body.return, env) };
      }
      if (body.raise) {
        throw new WorkflowRaise(valueOf(body.raise, env));
      }
      if (next === 'continue' || next === 'break') {
        if (!inLoop) {
          throw new Error(`next: ${next} outside a for loop`);
        }
        return { kind: 'jump', target: next };
      }
      if (next !== undefined) {
        const target = steps.findIndex(([name]) => name === next);
        if (target < 0) {
          return { kind: 'jump', target: next };
        }
        index = target;
      } else {
        index++;
      }
    }
    return { kind: 'end' };
  };

  const result = runSub('main', { args });
  return { result, calls };
}
