/**
 * A small interpreter of the part of the Cloud Workflows language the generated subworkflows use,
 * so that tests run the generated gate against core's `gateDecision` instead of reading its text:
 * steps with `switch` (conditions with `next`), `assign`, `return` and `raise`; expressions with
 * numbers, strings, `null`, `true`/`false`, variables and `a.b` / `a["b"]` access, list literals,
 * `+ - == != < <= > >=`, `not()`, and the library functions `map.get`, `text.replace_all`,
 * `double`, `string`.
 *
 * Hand-written because no Workflows runtime or expression evaluator runs outside Google Cloud;
 * it follows the syntax reference (https://cloud.google.com/workflows/docs/reference/syntax) and
 * refuses what it does not know rather than guessing.
 */

type Value = unknown;
type Env = Record<string, Value>;

/** Raised by a `raise` step. */
export class WorkflowRaise extends Error {
  constructor(public readonly raised: Value) {
    super(`raised ${JSON.stringify(raised)}`);
  }
}

/** The library functions the expressions may call, by name; a caller may pass more to {@link evaluate}. */
export const FUNCTIONS: Record<string, (...args: Value[]) => Value> = {
  'not': (v) => {
    if (typeof v !== 'boolean') {
      throw new Error(`not() of ${JSON.stringify(v)}`);
    }
    return !v;
  },
  'map.get': (m, keys) => {
    let current: Value = m;
    for (const key of Array.isArray(keys) ? keys : [keys]) {
      if (current === null || typeof current !== 'object') {
        return null;
      }
      current = (current as Record<string, Value>)[key as string] ?? null;
    }
    return current;
  },
  'text.replace_all': (s, a, b) => String(s).split(String(a)).join(String(b)),
  'double': (v) => {
    const n = typeof v === 'string' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      throw new Error(`double(${JSON.stringify(v)})`);
    }
    return n;
  },
  'string': (v) => String(v),
};

/** Evaluates one expression (without `${ }`). */
export function evaluate(expression: string, env: Env, functions: Record<string, (...args: Value[]) => Value> = FUNCTIONS): Value {
  const tokens = expression.match(/\s*(>=|<=|==|!=|[-+*/%<>()[\],.]|"(?:[^"\\]|\\.)*"|\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_]*)/g)?.map((t) => t.trim()) ?? [];
  if (tokens.join('').replace(/\s/g, '') !== expression.replace(/\s/g, '')) {
    throw new Error(`cannot tokenize: ${expression}`);
  }
  let i = 0;
  const peek = () => tokens[i];
  const take = (expected?: string) => {
    const t = tokens[i++];
    if (expected !== undefined && t !== expected) {
      throw new Error(`expected ${expected}, got ${t} in ${expression}`);
    }
    return t;
  };
  const comparison = (): Value => {
    const left = additive();
    const op = peek();
    if (['==', '!=', '<', '<=', '>', '>='].includes(op)) {
      take();
      const right = additive();
      switch (op) {
        case '==': return left === right;
        case '!=': return left !== right;
      }
      if (typeof left !== 'number' || typeof right !== 'number') {
        throw new Error(`${op} on ${JSON.stringify(left)} and ${JSON.stringify(right)}`);
      }
      return op === '<' ? left < right : op === '<=' ? left <= right : op === '>' ? left > right : left >= right;
    }
    return left;
  };
  const additive = (): Value => {
    let value = multiplicative();
    while (peek() === '+' || peek() === '-') {
      const op = take();
      const right = multiplicative();
      if (op === '+' && typeof value === 'string' && typeof right === 'string') {
        value = value + right;
      } else if (typeof value === 'number' && typeof right === 'number') {
        value = op === '+' ? value + right : value - right;
      } else {
        throw new Error(`${op} on ${JSON.stringify(value)} and ${JSON.stringify(right)}`);
      }
    }
    return value;
  };
  const multiplicative = (): Value => {
    let value = postfix();
    while (peek() === '*' || peek() === '/' || peek() === '%') {
      const op = take();
      const right = postfix();
      if (typeof value !== 'number' || typeof right !== 'number') {
        throw new Error(`${op} on ${JSON.stringify(value)} and ${JSON.stringify(right)}`);
      }
      value = op === '*' ? value * right : op === '/' ? value / right : value % right;
    }
    return value;
  };
  const postfix = (): Value => {
    let value = primary();
    for (;;) {
      if (peek() === '.' && !isCallAhead()) {
        take();
        const key = take();
        value = member(value, key);
      } else if (peek() === '[') {
        take();
        const key = comparison();
        take(']');
        value = member(value, key as string);
      } else {
        return value;
      }
    }
  };
  const isCallAhead = () => false;
  const member = (value: Value, key: string): Value => {
    if (value === null || typeof value !== 'object' || !(key in (value as object))) {
      throw new Error(`KeyError: ${key}`);
    }
    return (value as Record<string, Value>)[key];
  };
  const primary = (): Value => {
    const t = take();
    if (t === undefined) {
      throw new Error(`unexpected end of ${expression}`);
    }
    if (/^\d/.test(t)) {
      return Number(t);
    }
    if (t.startsWith('"')) {
      return JSON.parse(t);
    }
    if (t === '(') {
      const v = comparison();
      take(')');
      return v;
    }
    if (t === '[') {
      const items: Value[] = [];
      while (peek() !== ']') {
        items.push(comparison());
        if (peek() === ',') {
          take();
        }
      }
      take(']');
      return items;
    }
    if (t === 'null') {
      return null;
    }
    if (t === 'true' || t === 'false') {
      return t === 'true';
    }
    // A function call: a dotted name followed by "(".
    let name = t;
    let j = i;
    while (tokens[j] === '.' && /^[A-Za-z_]/.test(tokens[j + 1] ?? '')) {
      name = `${name}.${tokens[j + 1]}`;
      j += 2;
    }
    if (tokens[j] === '(') {
      i = j + 1;
      const args: Value[] = [];
      while (peek() !== ')') {
        args.push(comparison());
        if (peek() === ',') {
          take();
        }
      }
      take(')');
      const fn = functions[name];
      if (fn === undefined) {
        throw new Error(`unknown function ${name}`);
      }
      return fn(...args);
    }
    if (!(t in env)) {
      throw new Error(`unknown variable ${t}`);
    }
    return env[t];
  };
  const value = comparison();
  if (i !== tokens.length) {
    throw new Error(`trailing tokens in ${expression}`);
  }
  return value;
}

/** A value of a step: an expression `${…}` evaluated, maps and lists element by element, anything else as it is. */
function valueOf(value: Value, env: Env): Value {
  if (typeof value === 'string' && value.startsWith('${') && value.endsWith('}')) {
    return evaluate(value.slice(2, -1), env);
  }
  if (Array.isArray(value)) {
    return value.map((v) => valueOf(v, env));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, valueOf(v, env)]));
  }
  return value;
}

/** Runs a subworkflow `{ params, steps }` with `args`; returns what it returns, or throws {@link WorkflowRaise}. */
export function runSubworkflow(subworkflow: { params: string[]; steps: Array<Record<string, any>> }, args: Env): Value {
  const env: Env = Object.fromEntries(subworkflow.params.map((p) => [p, args[p]]));
  const steps = subworkflow.steps.map((s) => Object.entries(s)[0] as [string, Record<string, any>]);
  let index = 0;
  for (let guard = 0; guard < 1000 && index < steps.length; guard++) {
    const [, body] = steps[index];
    const known = ['switch', 'assign', 'return', 'raise', 'next'];
    const unknown = Object.keys(body).filter((k) => !known.includes(k));
    if (unknown.length > 0) {
      throw new Error(`the interpreter does not run ${unknown.join(', ')}`);
    }
    let next: string | undefined = body.next;
    if (body.assign) {
      for (const assignment of body.assign) {
        const [name, value] = Object.entries(assignment)[0];
        env[name] = valueOf(value, env);
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
      return valueOf(body.return, env);
    }
    if (body.raise) {
      throw new WorkflowRaise(valueOf(body.raise, env));
    }
    if (next !== undefined) {
      index = steps.findIndex(([name]) => name === next);
      if (index < 0) {
        throw new Error(`no step ${next}`);
      }
    } else {
      index++;
    }
  }
  return null;
}
