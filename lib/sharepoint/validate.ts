/**
 * Checks what Graph reports of a site's lists against the schema (schema.ts). Pure, so the rules
 * are unit-tested; provision.ts fetches the lists. A site without the schema is a PermanentError:
 * every mail for it would fail the same way until someone provisions the site.
 */
import { PermanentError } from '../errors';
import { HELPDESK_LISTS, type ListIds, type ListSpec, MAIL_TEMPLATES_LIST } from './schema';

/** The part of Graph's list (with `$expand=columns`) that validation reads. */
export interface GraphColumn {
  id: string;
  name: string;
  indexed?: boolean;
  enforceUniqueValues?: boolean;
  text?: object;
  choice?: { choices?: string[] };
  /** Graph's defaultColumnValue; absent or empty when the column has no default. */
  defaultValue?: { value?: string | null; formula?: string | null } | null;
  boolean?: object;
  dateTime?: object;
  lookup?: { listId?: string; allowMultipleValues?: boolean };
}

export interface GraphList {
  id: string;
  displayName: string;
  list?: { template?: string };
  columns?: GraphColumn[];
}

const FACETS = ['text', 'choice', 'boolean', 'dateTime', 'lookup'] as const;

// Graph writes list GUIDs without braces, SharePoint sometimes with; case varies too.
const sameId = (a: string | undefined, b: string): boolean =>
  a?.replace(/[{}]/g, '').toLowerCase() === b.replace(/[{}]/g, '').toLowerCase();

/** The list a spec names, by display name (SharePoint compares them without regard to case). */
export function findList(lists: GraphList[], spec: ListSpec<string>): GraphList | undefined {
  const name = spec.displayName.toLowerCase();
  return lists.find((l) => l.displayName.toLowerCase() === name);
}

interface Problems {
  missing: string[];
  wrong: string[];
  ids: Partial<Record<string, string>>;
}

/**
 * Problems in the helpdesk's own words (list and column names only, never item data). The lists
 * added after sites were provisioned (Mail Templates) may be missing; when present, they are checked.
 */
export function schemaProblems(lists: GraphList[]): Problems & { ids: Partial<ListIds> } {
  const problems: Problems = { missing: [], wrong: [], ids: {} };
  for (const spec of HELPDESK_LISTS) {
    const list = findList(lists, spec);
    if (!list) {
      problems.missing.push(`list '${spec.displayName}'`);
      continue;
    }
    problems.ids[spec.key] = list.id;
    checkList(spec, list, problems);
  }
  const templates = findList(lists, MAIL_TEMPLATES_LIST);
  if (templates) checkList(MAIL_TEMPLATES_LIST, templates, problems);
  return problems;
}

/**
 * Whether an optional list added later (the Mail Log) is complete enough to be used. It is not
 * part of checkSchema: a site whose optional list is damaged keeps working without it.
 */
export function optionalListUsable(
  lists: GraphList[],
  spec: ListSpec<string>,
  ids: Partial<ListIds>,
): string | undefined {
  const list = findList(lists, spec);
  if (!list) return undefined;
  const problems: Problems = { missing: [], wrong: [], ids: { ...ids } };
  checkList(spec, list, problems);
  return problems.missing.length + problems.wrong.length === 0 ? list.id : undefined;
}

function checkList(
  spec: ListSpec<string>,
  list: GraphList,
  { missing, wrong, ids }: Problems,
): void {
  if (list.list?.template && list.list.template !== spec.template) {
    wrong.push(`list '${spec.displayName}' is not a ${spec.template}`);
  }
  for (const column of spec.columns) {
    const label = `column ${spec.displayName}.${column.name}`;
    const found = list.columns?.find((c) => c.name === column.name);
    if (!found) {
      if (!column.optional) missing.push(label);
      continue;
    }
    const facet = FACETS.find((f) => f in column);
    if (facet && found[facet] === undefined) wrong.push(`${label} is not a ${facet} column`);
    if ('lookup' in column && found.lookup) {
      const target = ids[column.lookup.list];
      if (target && !sameId(found.lookup.listId, target)) {
        wrong.push(`${label} does not look up list '${column.lookup.list}'`);
      }
      if (Boolean(found.lookup.allowMultipleValues) !== column.lookup.allowMultipleValues) {
        wrong.push(`${label} has the wrong multiplicity`);
      }
    }
    if (column.indexed && !found.indexed) wrong.push(`${label} is not indexed`);
    if (column.enforceUniqueValues && !found.enforceUniqueValues) {
      wrong.push(`${label} does not enforce unique values`);
    }
  }
}

/** The list ids when the site matches the schema; otherwise PermanentError naming the problems. */
export function checkSchema(lists: GraphList[]): ListIds {
  const { missing, wrong, ids } = schemaProblems(lists);
  const problems = [...missing.map((m) => `${m} is missing`), ...wrong];
  if (problems.length > 0) {
    const shown = problems.slice(0, 6).join('; ');
    const more = problems.length > 6 ? ` (+${problems.length - 6} more)` : '';
    const code = missing.length > 0 ? 'schema-missing' : 'schema-mismatch';
    throw new PermanentError(code, `helpdesk site: ${shown}${more}`);
  }
  return ids as ListIds;
}
