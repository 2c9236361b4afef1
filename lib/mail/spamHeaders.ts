/**
 * Reading the spam fields a filter writes. Filters prepend their fields, so the topmost
 * occurrence is the newest and the only one the receiving side wrote; lower ones travelled with
 * the mail from wherever it was before.
 */

/** The topmost value of a field (names lower-cased, values unfolded: headerFields.ts). */
export function firstValue(
  headers: ReadonlyMap<string, string[]>,
  name: string,
): string | undefined {
  return headers.get(name)?.[0]?.trim();
}

// An SCL is -1 (trusted) or 0..9; anything else is not Exchange's and is no verdict.
const SCL = /^(-1|\d)$/;
// Inside X-Forefront-Antispam-Report: `CIP:…;CTRY:…;SCL:5;SRV:;…`.
const REPORT_SCL = /(?:^|;)\s*SCL:\s*(-?\d+)\s*(?:;|$)/i;

/** The SCL of an X-MS-Exchange-Organization-SCL value, or of a report's `SCL:` entry. */
export function sclOf(
  value: string | undefined,
  form: 'field' | 'report' = 'field',
): number | undefined {
  if (value === undefined) return undefined;
  const found = form === 'report' ? REPORT_SCL.exec(value)?.[1] : value;
  return found !== undefined && SCL.test(found) ? Number(found) : undefined;
}
