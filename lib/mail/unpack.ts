/**
 * Containers unpacked into files of their own, the container kept as well: winmail.dat (TNEF,
 * tnef.ts) and attached Outlook items (.msg, outlookMsg.ts). They are hostile input like the
 * mail: each is read only up to a size, nesting (a .msg inside a .msg) stops at a depth, and a
 * mail gets at most so many unpacked files. The time it takes is bounded by those sizes (both
 * readers are linear once compoundFile.ts has checked a .msg), not by a clock: the files stage
 * parses the mail again and must find exactly the same files.
 */
import { isCompoundFile, readOutlookMsg } from './outlookMsg';
import { type Unpacked, type UnpackedFile, isTnef, readTnef } from './tnef';

export type { Unpacked, UnpackedFile };

export const MAX_CONTAINER_BYTES = 25 * 1024 * 1024;
const MAX_DEPTH = 3;
export const MAX_UNPACKED_FILES = 100;

type Kind = 'tnef' | 'msg';

/** Whether a part looks like a container, by its declared type or its name. */
export function containerKind(
  type: string | undefined,
  name: string | undefined,
): Kind | undefined {
  const t = (type ?? '').toLowerCase();
  const n = (name ?? '').toLowerCase();
  if (/^application\/(vnd\.)?ms-tnef$/.test(t) || n === 'winmail.dat') return 'tnef';
  if (t === 'application/vnd.ms-outlook' || n.endsWith('.msg')) return 'msg';
  return undefined;
}

/** Files a mail may still unpack. */
export interface UnpackBudget {
  files: number;
}

function readOne(kind: Kind, data: Buffer, max: number): Unpacked | undefined {
  if (kind === 'tnef' && isTnef(data)) return readTnef(data, max);
  if (kind === 'msg' && isCompoundFile(data)) return readOutlookMsg(data, max);
  return undefined;
}

/**
 * The files inside a container, depth first, each followed by what it holds in turn; and the
 * body a TNEF stream carries. A container that cannot be read yields nothing: it is still kept.
 */
export function unpack(kind: Kind, data: Buffer, budget: UnpackBudget, depth = 1): Unpacked {
  const none: Unpacked = { files: [], text: undefined, html: undefined };
  if (data.length > MAX_CONTAINER_BYTES || budget.files <= 0) return none;
  let found: Unpacked | undefined;
  try {
    found = readOne(kind, data, budget.files);
  } catch {
    return none; // a damaged container is kept as it came
  }
  if (!found) return none;
  const files: UnpackedFile[] = [];
  for (const file of found.files) {
    if (budget.files <= 0) break;
    budget.files--;
    files.push(file);
    const inner = containerKind(file.contentType, file.name);
    if (inner && depth < MAX_DEPTH)
      files.push(...unpack(inner, file.content, budget, depth + 1).files);
  }
  return { files, text: found.text, html: found.html };
}
