/**
 * What a delta link carries: the first call's options (Graph folds them into the link, and later
 * calls replay it unchanged) and where the round stands in the mailbox's change log. Opaque to
 * clients; the epoch lets the admin API forget every token of a mailbox at once.
 */
export interface DeltaCursor {
  /** The folder's id. */
  f: string;
  /** The mailbox's delta epoch when the round began. */
  e: number;
  /** Changes after this sequence number are new; null: the first round (the whole folder). */
  from: number | null;
  /** The last change this round covers, fixed on its first page; unset in a deltaLink. */
  to?: number;
  /** Entries already given in this round (the pages before). */
  off: number;
  /** Page size. */
  n: number;
  select?: string;
  filter?: string;
  changeType?: string;
}

export function encodeCursor(cursor: DeltaCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** The cursor, or undefined when the token is not one the simulator minted. */
export function decodeCursor(token: string): DeltaCursor | undefined {
  try {
    const c = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<DeltaCursor>;
    const ok =
      typeof c.f === 'string' &&
      typeof c.e === 'number' &&
      (c.from === null || typeof c.from === 'number') &&
      (c.to === undefined || typeof c.to === 'number') &&
      typeof c.off === 'number' &&
      typeof c.n === 'number';
    return ok ? (c as DeltaCursor) : undefined;
  } catch {
    return undefined;
  }
}
