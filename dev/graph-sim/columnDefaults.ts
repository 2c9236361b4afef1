/**
 * A column's default value (Graph's columnDefinition `defaultValue`, a defaultColumnValue
 * `{value}` or `{formula}`): kept when a column is created or patched, returned with the column,
 * and given to a new item that leaves the field out.
 *
 * SharePoint fills a field's default on a new item whatever made it (the form, REST, Graph); that
 * Graph's POST .../items does the same is unverified. Users have reported (2021) that Graph
 * ignored `defaultValue` on column create and PATCH; the documentation lists it as a writable
 * property, and the simulator follows the documentation. Formulas are kept but never evaluated.
 */
import { badRequest } from './errors';
import type { ColumnDef, FieldValue, ListState } from './model';

export type DefaultValue = NonNullable<ColumnDef['defaultValue']>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The defaultValue of a create or PATCH body: undefined when absent, null to remove it.
 * Value and formula are exclusive (the documentation: "either ... at a time").
 */
export function defaultFromInput(input: Record<string, unknown>): DefaultValue | null | undefined {
  const raw = input.defaultValue;
  if (raw === undefined) return undefined;
  if (raw === null) return null;
  const value = isObject(raw) ? raw.value : undefined;
  const formula = isObject(raw) ? raw.formula : undefined;
  const given = (v: unknown) => v !== undefined && v !== null;
  const ok = (v: unknown) => !given(v) || typeof v === 'string';
  if (!isObject(raw) || !ok(value) || !ok(formula) || (given(value) && given(formula))) {
    throw badRequest('Invalid value for defaultValue.'); // unverified wording
  }
  if (typeof formula === 'string') return { formula };
  return typeof value === 'string' && value !== '' ? { value } : null;
}

/** Applies a create or PATCH body's defaultValue to the column. */
export function patchDefault(col: ColumnDef, input: Record<string, unknown>): void {
  const next = defaultFromInput(input);
  if (next === undefined) return;
  if (next === null) delete col.defaultValue;
  else col.defaultValue = next;
}

/** The fields a new item of `list` starts with: each text or choice column's default value. */
export function defaultFields(list: ListState): Record<string, FieldValue> {
  const fields: Record<string, FieldValue> = {};
  for (const col of list.columns) {
    const value = col.defaultValue?.value;
    if (value === undefined || (col.text === undefined && col.choice === undefined)) continue;
    fields[col.name] = value;
  }
  return fields;
}
