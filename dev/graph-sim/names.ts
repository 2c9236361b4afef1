/**
 * File and folder names as SharePoint Online takes them (Microsoft's "Restrictions and limitations
 * in OneDrive and SharePoint"): refused are the characters `" * : < > ? / \ |` and controls,
 * names of only dots, leading or trailing spaces, a trailing dot, names starting with `~$` (Office
 * lock files), `_vti_` anywhere, the names .lock, CON, PRN, AUX, NUL, COM0-9, LPT0-9 and
 * desktop.ini, and more than 255 characters in one segment. Names compare ignoring case the way
 * .NET's OrdinalIgnoreCase does: each character upper-cased on its own, invariantly.
 */
import { badRequest } from './errors';

// eslint-disable-next-line no-control-regex
const ILLEGAL_CHARS = /["*:<>?/\\|\u0000-\u001f\u007f-\u009f]/;
const RESERVED = /^(?:\.lock|con|prn|aux|nul|com[0-9]|lpt[0-9]|desktop\.ini)$/i;
const MAX_SEGMENT = 255;

function refused(name: string): boolean {
  return (
    !name.trim() ||
    /^\.+$/.test(name) ||
    ILLEGAL_CHARS.test(name) ||
    name.length > MAX_SEGMENT ||
    name !== name.trim() ||
    name.endsWith('.') ||
    name.startsWith('~$') ||
    /_vti_/i.test(name) ||
    RESERVED.test(name)
  );
}

export function checkName(name: string): void {
  if (refused(name)) {
    throw badRequest(`The name '${name}' contains characters that are not allowed.`); // unverified wording
  }
}

/** The key two names share when SharePoint takes them for the same name. */
export function nameKey(name: string): string {
  let key = '';
  for (const ch of name) {
    const upper = ch.toUpperCase();
    key += [...upper].length === 1 ? upper : ch;
  }
  return key;
}
