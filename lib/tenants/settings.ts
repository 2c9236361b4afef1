/**
 * Settings an operator may change on a tenant's record (`npm run tenant -- set`):
 * - `remote-images` — whether ticket bodies may load remote https images in agents' browsers
 *   ('block', the default: they become links, since a remote image tells its sender when and
 *   where a ticket was opened; 'allow' for a helpdesk whose agents want newsletters and
 *   signatures shown as sent);
 * - `spam-filter`, `spam-score`, `spam-scl`, `spamassassin-headers` — whether and from which
 *   score the doors' spam verdicts drop mail (mail/spam.ts, which holds their defaults).
 * Running hosts see a change within their tenant cache's minute.
 */
import { REMOTE_IMAGES } from '../mail/htmlImages';
import { SPAMASSASSIN_HEADERS, SPAM_FILTER } from '../mail/spam';
import { type TenantRecord, type TenantStore, findTenant } from './store';

interface Setting {
  /** The record's field that holds it. */
  field: keyof TenantRecord;
  /** The value to store, or undefined when `text` is not one. */
  parse(text: string): string | number | undefined;
  /** What may be given, for the one-line refusal. */
  expects: string;
}

function oneOf(field: keyof TenantRecord, values: readonly string[]): Setting {
  return {
    field,
    parse: (text) => (values.includes(text) ? text : undefined),
    expects: `one of: ${values.join(', ')}`,
  };
}

function numberIn(
  field: keyof TenantRecord,
  expects: string,
  valid: (n: number) => boolean,
): Setting {
  const parse = (text: string): number | undefined => {
    // Number('') is 0 and Number('0x10') is 16: only plain decimals are a setting's value.
    const n = /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : NaN;
    return Number.isFinite(n) && valid(n) ? n : undefined;
  };
  return { field, parse, expects };
}

export const SETTINGS = {
  'remote-images': oneOf('remoteImages', REMOTE_IMAGES),
  'spam-filter': oneOf('spamFilter', SPAM_FILTER),
  'spam-score': numberIn('spamScore', 'a number, e.g. 5 or 6.5', () => true),
  'spam-scl': numberIn(
    'spamScl',
    'a whole number from 0 to 9',
    (n) => Number.isInteger(n) && n >= 0 && n <= 9,
  ),
  'spamassassin-headers': oneOf('spamAssassinHeaders', SPAMASSASSIN_HEADERS),
} satisfies Record<string, Setting>;
export type SettingName = keyof typeof SETTINGS;

export function isSetting(name: string): name is SettingName {
  return Object.hasOwn(SETTINGS, name);
}

/** For a usage line: `remote-images|spam-filter|…`. */
export const SETTING_NAMES = Object.keys(SETTINGS).join('|');

/** The tenant's record with the setting changed; undefined when there is no such tenant. */
export async function setTenantSetting(
  tenants: TenantStore,
  nameOrDomain: string,
  setting: SettingName,
  value: string,
): Promise<TenantRecord | undefined> {
  const { field, parse, expects }: Setting = SETTINGS[setting];
  const parsed = parse(value);
  if (parsed === undefined) throw new Error(`${setting} must be ${expects}`);
  const record = await findTenant(tenants, nameOrDomain);
  if (!record) return undefined;
  const updated: TenantRecord = { ...record, [field]: parsed };
  await tenants.put(updated);
  return updated;
}
