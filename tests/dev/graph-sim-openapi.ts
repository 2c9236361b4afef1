/**
 * The shared OpenAPI subset as a checker for the contract tests: each operation's response schema
 * (OpenAPI 3.0 adapted for Ajv) and a check that no property outside the Graph type is invented.
 * The spec is read where the team keeps it, never copied here.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export type Schema = Record<string, unknown>;
type Spec = {
  paths: Record<string, Record<string, { responses: Record<string, Schema> }>>;
  components: Schema;
};

const SPEC_FILE = resolve(__dirname, '..', '..', '..', 'shared', 'graph', 'openapi-subset.yaml');
const SPEC_ID = 'https://graph-sim.test/openapi.json';

/** OpenAPI 3.0 → Ajv: empty (null) schemas become `{}`, local `$ref`s point into the added spec. */
function adapt(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(adapt);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/')) return [k, `${SPEC_ID}${v}`];
      return [k, v === null ? {} : adapt(v)];
    }),
  );
}

/** Every `format` the spec names: OData's numeric ones (int16, int64, ...) mean nothing to Ajv. */
function formatsOf(node: unknown, found = new Set<string>()): Set<string> {
  if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'format' && typeof v === 'string') found.add(v);
      else formatsOf(v, found);
    }
  }
  return found;
}

const spec = adapt(parse(readFileSync(SPEC_FILE, 'utf8'))) as Spec;
export const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
for (const f of formatsOf(spec)) if (!ajv.formats[f]) ajv.addFormat(f, true);
ajv.addSchema({ $id: SPEC_ID, components: spec.components });

function deref(schema: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const path = ref.slice(SPEC_ID.length + 2).split('/');
  return deref(path.reduce<Schema>((s, key) => s[key] as Schema, spec as unknown as Schema));
}

/** Properties a schema declares (through allOf/anyOf), or null when it admits any property. */
function declared(schema: Schema): Map<string, Schema> | null {
  const s = deref(schema);
  const out = new Map<string, Schema>(
    Object.entries((s.properties as Record<string, Schema> | undefined) ?? {}),
  );
  // `additionalProperties: {...}` (a batch answer's headers) and a schema with no shape at all
  // (a batch answer's body: `{}`) admit any property.
  if (s.additionalProperties === true || typeof s.additionalProperties === 'object') return null;
  const shaped = ['type', 'properties', 'allOf', 'anyOf', 'oneOf'].some((k) => k in s);
  if (!shaped) return null;
  for (const part of [...((s.allOf as Schema[]) ?? []), ...((s.anyOf as Schema[]) ?? [])]) {
    const sub = declared(part);
    if (sub === null) return null;
    sub.forEach((v, k) => out.set(k, v));
  }
  return out;
}

/** Paths of properties the simulator returns but the Graph type does not have (`@` annotations aside). */
export function invented(value: unknown, schema: Schema, at = ''): string[] {
  if (Array.isArray(value)) {
    const items = deref(schema).items as Schema | undefined;
    return items ? value.flatMap((v, i) => invented(v, items, `${at}[${i}]`)) : [];
  }
  if (value === null || typeof value !== 'object') return [];
  const props = declared(schema);
  if (props === null) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    if (k.startsWith('@')) return [];
    const sub = props.get(k);
    return sub ? invented(v, sub, `${at}.${k}`) : [`${at}.${k}`];
  });
}

const validators = new Map<string, ValidateFunction>();

export function operationSchema(path: string, method: string, status: number): Schema {
  const responses = spec.paths[path]?.[method]?.responses;
  if (!responses) throw new Error(`no operation ${method} ${path} in the spec`);
  const response = deref(responses[String(status)] ?? (responses.default as Schema));
  return (response.content as Record<string, { schema: Schema }>)['application/json']?.schema ?? {};
}

export function expectValid(schema: Schema, body: unknown, what: string): void {
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) validators.set(key, (validate = ajv.compile(schema)));
  const ok = validate(body);
  expect({ what, errors: ok ? [] : validate.errors }).toEqual({ what, errors: [] });
  expect({ what, invented: invented(body, schema) }).toEqual({ what, invented: [] });
}

export const component = (name: string): Schema => ({
  $ref: `${SPEC_ID}#/components/schemas/${name}`,
});
