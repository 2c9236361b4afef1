/**
 * The part of OData `$filter` the service uses against SharePoint lists: comparisons (eq, ne, gt,
 * ge, lt, le) of a property path with a literal, `startswith`, `and`, `or`, `not` and parentheses.
 * SharePoint compares text case-insensitively (its SQL collation), so the evaluator does too.
 */
import { GraphError } from './errors';

export type Literal = string | number | boolean | null;
type CmpOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type Expr =
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr }
  | { kind: 'cmp'; op: CmpOp; path: string; value: Literal }
  | { kind: 'startswith'; path: string; value: string };

const CMP_OPS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
/** Filters are one line of a query string; a longer one is hostile or a bug. */
const MAX_FILTER_LENGTH = 2048;

const invalid = (detail: string): GraphError =>
  new GraphError(400, 'BadRequest', `Invalid filter clause: ${detail}`);

type Token =
  | { t: 'str'; v: string }
  | { t: 'word'; v: string }
  | { t: 'num'; v: number }
  | { t: 'punct'; v: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re =
    /\s+|'((?:[^']|'')*)'|(\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)|(-?\d+(?:\.\d+)?)(?![\w-])|([A-Za-z_@][\w/.@]*)|([(),])/y;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) throw invalid(`syntax error at position ${pos}`);
    pos = re.lastIndex;
    if (m[1] !== undefined) tokens.push({ t: 'str', v: m[1].replace(/''/g, "'") });
    else if (m[2] !== undefined) tokens.push({ t: 'str', v: m[2] });
    else if (m[3] !== undefined) tokens.push({ t: 'num', v: Number(m[3]) });
    else if (m[4] !== undefined) tokens.push({ t: 'word', v: m[4] });
    else if (m[5] !== undefined) tokens.push({ t: 'punct', v: m[5] });
  }
  return tokens;
}

export function parseFilter(text: string): Expr {
  if (text.length > MAX_FILTER_LENGTH) throw invalid('the filter is too long');
  const tokens = tokenize(text);
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const isWord = (w: string): boolean => {
    const t = peek();
    return t?.t === 'word' && t.v.toLowerCase() === w;
  };
  const expectPunct = (p: string): void => {
    const t = tokens[i++];
    if (t?.t !== 'punct' || t.v !== p) throw invalid(`'${p}' expected`);
  };
  const literal = (): Literal => {
    const t = tokens[i++];
    if (t?.t === 'str' || t?.t === 'num') return t.v;
    if (t?.t === 'word' && ['true', 'false', 'null'].includes(t.v)) {
      return t.v === 'null' ? null : t.v === 'true';
    }
    throw invalid('a literal value expected');
  };
  const primary = (): Expr => {
    const t = tokens[i++];
    if (t?.t === 'punct' && t.v === '(') {
      const e = or();
      expectPunct(')');
      return e;
    }
    if (t?.t === 'word' && t.v.toLowerCase() === 'not') return { kind: 'not', expr: primary() };
    if (t?.t === 'word' && t.v.toLowerCase() === 'startswith') {
      expectPunct('(');
      const p = tokens[i++];
      if (p?.t !== 'word') throw invalid('a property expected');
      expectPunct(',');
      const v = literal();
      expectPunct(')');
      if (typeof v !== 'string') throw invalid('startswith takes a string');
      return { kind: 'startswith', path: p.v, value: v };
    }
    if (t?.t !== 'word') throw invalid('a property expected');
    const op = tokens[i++];
    if (op?.t !== 'word' || !CMP_OPS.has(op.v.toLowerCase())) throw invalid('an operator expected');
    return { kind: 'cmp', op: op.v.toLowerCase() as CmpOp, path: t.v, value: literal() };
  };
  const and = (): Expr => {
    let left = primary();
    while (isWord('and')) {
      i++;
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  const or = (): Expr => {
    let left = and();
    while (isWord('or')) {
      i++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  const expr = or();
  if (i !== tokens.length) throw invalid('unexpected text after the expression');
  return expr;
}

/** Every property path the expression reads (for the indexed-column rule). */
export function pathsOf(e: Expr): string[] {
  switch (e.kind) {
    case 'and':
    case 'or':
      return [...pathsOf(e.left), ...pathsOf(e.right)];
    case 'not':
      return pathsOf(e.expr);
    default:
      return [e.path];
  }
}

/** -1, 0, 1; numbers compare as numbers even when one side is a numeric string (lookup ids). */
export function compareValues(a: unknown, b: unknown): number {
  if (a === null || a === undefined || b === null || b === undefined) {
    return (a ?? null) === (b ?? null) ? 0 : a === null || a === undefined ? -1 : 1;
  }
  if (typeof a === 'number' || typeof b === 'number') {
    const x = Number(a);
    const y = Number(b);
    if (!Number.isNaN(x) && !Number.isNaN(y)) return Math.sign(x - y);
  }
  const x = String(a).toLowerCase();
  const y = String(b).toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

export function evaluate(e: Expr, get: (path: string) => unknown): boolean {
  switch (e.kind) {
    case 'and':
      return evaluate(e.left, get) && evaluate(e.right, get);
    case 'or':
      return evaluate(e.left, get) || evaluate(e.right, get);
    case 'not':
      return !evaluate(e.expr, get);
    case 'startswith': {
      const v = get(e.path);
      return typeof v === 'string' && v.toLowerCase().startsWith(e.value.toLowerCase());
    }
    case 'cmp': {
      const v = get(e.path);
      // A multi-value lookup matches when any of its ids does.
      const c = Array.isArray(v)
        ? v.some((x) => compareValues(x, e.value) === 0)
          ? 0
          : 1
        : compareValues(v, e.value);
      const ops: Record<CmpOp, boolean> = {
        eq: c === 0,
        ne: c !== 0,
        gt: c > 0,
        ge: c >= 0,
        lt: c < 0,
        le: c <= 0,
      };
      return ops[e.op];
    }
  }
}
