/**
 * What provisioning changes on a column that exists already (provision.ts), and whether a site's
 * outbox columns are complete enough to be used (siteSchema.ts). Pure; the rules in one place:
 *
 * - an index (and uniqueness) the schema wants is turned on;
 * - a choice column gets the schema's choices it lacks (an agent's own extra choices stay);
 * - a column whose schema has a default gets it when it has none (an agent's own default stays).
 *
 * Graph documents `indexed`, the `choice` facet and `defaultValue` as writable on PATCH
 * .../columns/{id}; users have reported (2021) that Graph ignored `defaultValue` on create and
 * PATCH. Whether that still holds is unverified: provisioning reads the lists again afterwards and
 * names a default that did not take (`defaultWarnings`), so an installer can set it by hand.
 */
import { type ColumnSpec, HELPDESK_LISTS, type ListSpec, MAIL_STATUSES } from './schema';
import { type GraphColumn, type GraphList, findList } from './validate';

export interface ColumnChange {
  /** The PATCH body. */
  body: Record<string, unknown>;
  /** What changes, for the provisioning report: `index`, `choices`, `default`. */
  what: string[];
}

const defaultOf = (found: GraphColumn): string | undefined =>
  found.defaultValue?.value || found.defaultValue?.formula || undefined;

/** The change that brings an existing column up to the schema; undefined when none is needed. */
export function columnChange(column: ColumnSpec, found: GraphColumn): ColumnChange | undefined {
  const body: Record<string, unknown> = {};
  const what: string[] = [];
  if (
    (column.indexed && !found.indexed) ||
    (column.enforceUniqueValues && !found.enforceUniqueValues)
  ) {
    // Uniqueness fails if duplicates exist already; validation then names the column.
    body.indexed = true;
    if (column.enforceUniqueValues) body.enforceUniqueValues = true;
    what.push('index');
  }
  if ('choice' in column && found.choice) {
    const have = found.choice.choices ?? [];
    const missing = column.choice.choices.filter((c) => !have.includes(c));
    if (missing.length > 0) {
      body.choice = { ...column.choice, choices: [...have, ...missing] };
      what.push('choices');
    }
  }
  if (column.defaultValue !== undefined && defaultOf(found) === undefined) {
    body.defaultValue = { value: column.defaultValue };
    what.push('default');
  }
  return what.length > 0 ? { body, what } : undefined;
}

/** Columns whose schema default the site's lists (as read after provisioning) do not show. */
export function defaultWarnings(lists: GraphList[], specs: readonly ListSpec<string>[]): string[] {
  const warnings: string[] = [];
  for (const spec of specs) {
    const list = findList(lists, spec);
    for (const column of spec.columns) {
      const found = list?.columns?.find((c) => c.name === column.name);
      if (!found || column.defaultValue === undefined || defaultOf(found) !== undefined) continue;
      warnings.push(`${spec.displayName}.${column.name} has no default '${column.defaultValue}'`);
    }
  }
  return warnings;
}

/**
 * Whether every list with the outbox's MailStatus has every status the service writes: a site
 * provisioned before `Received` and `Not sent` existed would be refused them (or show values its
 * column does not offer), so it has no outbox until provisioning runs again.
 */
export function mailStatusComplete(lists: GraphList[]): boolean {
  return HELPDESK_LISTS.every((spec) => {
    if (!spec.columns.some((c) => c.name === 'MailStatus')) return true;
    const found = findList(lists, spec)?.columns?.find((c) => c.name === 'MailStatus');
    const have = found?.choice?.choices ?? [];
    return MAIL_STATUSES.every((s) => have.includes(s));
  });
}
