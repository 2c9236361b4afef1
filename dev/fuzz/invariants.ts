/**
 * What the mail path promises of its output, checked on every case beside "does not throw": the
 * names SharePoint takes (the Graph simulator's own rule, dev/graph-sim/names.ts), unique in
 * their folder as SharePoint compares names, and titles and bodies that fit their columns.
 */
import { checkName, nameKey } from '../graph-sim/names';
import { MAX_NAME } from '../../lib/sharepoint/fileName';
import { MAX_RICH_TEXT as MAX_BODY, MAX_TEXT as MAX_TITLE } from '../../lib/sharepoint/schema';

function fail(what: string): never {
  throw new Error(`invariant: ${what}`);
}

export function checkNames(names: readonly string[]): void {
  const keys = new Set<string>();
  for (const name of names) {
    if (name.length > MAX_NAME) fail(`a file name over ${MAX_NAME} characters`);
    checkName(name);
    if (keys.has(nameKey(name))) fail('two file names SharePoint takes for one');
    keys.add(nameKey(name));
  }
}

// Controls and format characters (bar ZWNJ and ZWJ) never reach a title (ticketFields.ts).
const UNSEEN_IN_TITLE = /\p{Cc}|(?![\u200c\u200d])\p{Cf}/u;

export function checkTitle(title: string): void {
  if (title.length > MAX_TITLE) fail(`a title over ${MAX_TITLE} characters`);
  if (!title.trim()) fail('an empty title');
  if (UNSEEN_IN_TITLE.test(title)) fail('a control or format character in a title');
}

export function checkBody(body: string): void {
  if (body.length > MAX_BODY) fail(`a body over ${MAX_BODY} characters`);
}
