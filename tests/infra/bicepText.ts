/**
 * A small reader for the Bicep in infra/, because no Bicep CLI can be installed here (it ships as
 * a binary downloaded from GitHub, which this workplace cannot reach). It knows the subset of
 * Bicep that infra/ uses — top-level param/var/resource/module/output statements with decorators,
 * object and array literals, `[for x in y: {...}]` loops, `if (...)` conditions — and throws on
 * anything else, so a construct it does not understand fails the test instead of being skipped.
 * Values it does not take apart (expressions) are kept as their source text.
 */

/** An object literal's properties, an array's items, or an expression's source text. */
export type BicepValue = string | BicepValue[] | BicepObject;
export interface BicepObject {
  [key: string]: BicepValue;
}

export interface Declaration {
  kind: 'targetScope' | 'param' | 'var' | 'resource' | 'module' | 'output';
  name: string;
  /** Resource type without the version, module path, or param/output type. */
  type: string;
  apiVersion?: string;
  existing: boolean;
  /** Decorators in source form, e.g. `@secure()`. */
  decorators: string[];
  /** The value after `=`: a resource's or module's body, a default, a var's value. */
  value?: BicepValue;
}

const CLOSER: Record<string, string> = { '{': '}', '[': ']', '(': ')' };

/** Index just past the string literal starting at `i` (interpolations may nest strings). */
function skipString(s: string, i: number): number {
  if (s.startsWith("'''", i)) {
    const end = s.indexOf("'''", i + 3);
    if (end < 0) throw new Error(`unterminated ''' string at ${i}`);
    return end + 3;
  }
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (s[j] === "'") return j + 1;
    else if (s[j] === '$' && s[j + 1] === '{') j = skipBalanced(s, j + 1) - 1;
  }
  throw new Error(`unterminated string at ${i}`);
}

/** Index just past the bracket that closes the one at `i`. */
function skipBalanced(s: string, i: number): number {
  const stack: string[] = [];
  for (let j = i; j < s.length; j++) {
    const c = s[j] as string;
    if (c === "'") {
      j = skipString(s, j) - 1;
    } else if (CLOSER[c]) {
      stack.push(CLOSER[c] as string);
    } else if (c === '}' || c === ']' || c === ')') {
      if (stack.pop() !== c) throw new Error(`unbalanced '${c}' at ${j}`);
      if (stack.length === 0) return j + 1;
    }
  }
  throw new Error(`unclosed '${s[i]}' at ${i}`);
}

/** The source without comments; strings (which may hold `//`, as URLs do) are kept whole. */
export function stripComments(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    if (s[i] === "'") {
      const end = skipString(s, i);
      out += s.slice(i, end);
      i = end;
    } else if (s.startsWith('//', i)) {
      const end = s.indexOf('\n', i);
      i = end < 0 ? s.length : end;
    } else if (s.startsWith('/*', i)) {
      const end = s.indexOf('*/', i + 2);
      if (end < 0) throw new Error(`unclosed comment at ${i}`);
      i = end + 2;
    } else {
      out += s[i];
      i++;
    }
  }
  return out;
}

class Reader {
  constructor(
    readonly s: string,
    public i = 0,
  ) {}

  skipSpace(newlines = true): void {
    const space = newlines ? /[\s,]/ : /[ \t]/;
    while (this.i < this.s.length && space.test(this.s[this.i] as string)) this.i++;
  }

  /** An object, an array, or an expression running to the end of its line (or `,` `}` `]`). */
  value(): BicepValue {
    this.skipSpace(false);
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[' && !/^\[\s*for\s/.test(this.s.slice(this.i))) return this.array();
    const start = this.i;
    while (this.i < this.s.length) {
      const ch = this.s[this.i] as string;
      if (ch === '\n' || ch === ',' || ch === '}' || ch === ']') break;
      this.i =
        ch === "'"
          ? skipString(this.s, this.i)
          : CLOSER[ch]
            ? skipBalanced(this.s, this.i)
            : this.i + 1;
    }
    return this.s.slice(start, this.i).trim();
  }

  object(): BicepObject {
    const obj: BicepObject = {};
    this.i++; // {
    for (;;) {
      this.skipSpace();
      if (this.s[this.i] === '}') {
        this.i++;
        return obj;
      }
      obj[this.key()] = this.value();
    }
  }

  /** `name:` or `'quoted name':` (a quoted key may be interpolated: `'${identityId}':`). */
  private key(): string {
    const start = this.i;
    const quoted = this.s[this.i] === "'";
    this.i = quoted
      ? skipString(this.s, this.i)
      : start + (/^[A-Za-z_]\w*/.exec(this.s.slice(start))?.[0].length ?? 0);
    const key = quoted ? this.s.slice(start + 1, this.i - 1) : this.s.slice(start, this.i);
    const colon = /^\s*:/.exec(this.s.slice(this.i));
    if (!key || !colon) throw new Error(`expected 'key:' at: ${this.s.slice(start, start + 40)}`);
    this.i += colon[0].length;
    return key;
  }

  array(): BicepValue[] {
    const items: BicepValue[] = [];
    this.i++; // [
    for (;;) {
      this.skipSpace();
      if (this.s[this.i] === ']') {
        this.i++;
        return items;
      }
      items.push(this.value());
    }
  }
}

/** A `[for ... : {body}]` loop's body, or the object after an `if (...)` condition. */
function bodyOf(r: Reader): BicepValue {
  r.skipSpace(false);
  const rest = r.s.slice(r.i);
  if (rest.startsWith('if')) {
    r.i = skipBalanced(r.s, r.s.indexOf('(', r.i));
    return bodyOf(r);
  }
  if (/^\[\s*for\s/.test(rest)) {
    const end = skipBalanced(r.s, r.i);
    const inner = new Reader(r.s.slice(0, end - 1), r.i + 1);
    while (inner.s[inner.i] !== ':') {
      const ch = inner.s[inner.i] as string;
      if (ch === "'") inner.i = skipString(inner.s, inner.i);
      else inner.i = CLOSER[ch] ? skipBalanced(inner.s, inner.i) : inner.i + 1;
    }
    inner.i++;
    const body = bodyOf(inner);
    r.i = end;
    return body;
  }
  return r.value();
}

const HEADERS: Array<[Declaration['kind'], RegExp]> = [
  ['targetScope', /^targetScope\s*=/],
  ['param', /^param\s+(\w+)\s+(\w+)\s*(=)?/],
  ['var', /^var\s+(\w+)\s*=/],
  ['resource', /^resource\s+(\w+)\s+'([^'@]+)@([^']+)'\s*(existing\s*)?=/],
  ['module', /^module\s+(\w+)\s+'([^']+)'\s*=/],
  ['output', /^output\s+(\w+)\s+(\w+)\s*=/],
];

/** Every top-level statement of a .bicep file, in order. */
export function parseBicep(source: string): Declaration[] {
  const r = new Reader(stripComments(source));
  const out: Declaration[] = [];
  let decorators: string[] = [];
  for (;;) {
    r.skipSpace();
    if (r.i >= r.s.length) return out;
    const rest = r.s.slice(r.i);
    if (rest.startsWith('@')) {
      const open = r.s.indexOf('(', r.i);
      const end = skipBalanced(r.s, open);
      decorators.push(r.s.slice(r.i, end));
      r.i = end;
      continue;
    }
    const header = HEADERS.map(([kind, re]) => ({ kind, m: re.exec(rest) })).find((h) => h.m);
    if (!header?.m) throw new Error(`unsupported statement: ${rest.slice(0, 60)}`);
    const { kind, m } = header;
    r.i += m[0].length;
    const decl: Declaration = {
      kind,
      name: kind === 'targetScope' ? 'targetScope' : (m[1] as string),
      type: kind === 'var' || kind === 'targetScope' ? '' : (m[2] as string),
      existing: kind === 'resource' && Boolean(m[4]),
      decorators,
    };
    if (kind === 'resource') decl.apiVersion = m[3];
    const hasValue = kind !== 'param' || m[3] === '=';
    if (hasValue) decl.value = kind === 'resource' || kind === 'module' ? bodyOf(r) : r.value();
    out.push(decl);
    decorators = [];
  }
}

/** The value at a dotted path inside an object literal (`properties.siteConfig.ftpsState`). */
export function at(value: BicepValue | undefined, path: string): BicepValue | undefined {
  let v = value;
  for (const key of path.split('.')) {
    if (v === undefined || typeof v === 'string' || Array.isArray(v)) return undefined;
    v = v[key];
  }
  return v;
}

/** The text of a plain string literal ('abc' → abc); undefined for anything else. */
export function literal(value: BicepValue | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^'([^'\\$]*)'$/.exec(value);
  return m ? m[1] : undefined;
}
