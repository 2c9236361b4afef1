/**
 * The soak's verdict, against its own record of what was sent: every mail has exactly its
 * expected outcome (mix.ts), no MailKey has two items, nothing is left staged or poisoned; and
 * the figures (latency from the first POST to the item's creation or the logged drop, items
 * written per minute, and that rate against what the small tenant's budget allows at the measured
 * RU per item).
 */
import type { Mix } from './mix';
import type { Item } from './outcomes';
import type { Posted } from './post';

export interface Figures {
  mails: number;
  lost: number;
  duplicated: number;
  unexpected: number;
  /** Drops whose staged copy is gone but whose log line is not there (a killed host's buffer). */
  unloggedDrops: number;
  /**
   * Staged copies left: a POST cut off between staging and queueing (host killed, storage
   * restarting) leaves one without a queue message; the relay's retry staged the mail again and
   * the purge timer deletes the orphan after 7 days (lib/storage/retention.ts). More than the
   * interrupted POSTs is a failure.
   */
  staged: number;
  interruptedPosts: number;
  poisoned: number;
  p50Ms: number;
  p99Ms: number;
  ticketsPerMinute: number;
  ruPerItem: number;
  ruCeilingRatio: number;
  runSeconds: number;
  /** Up to 5 examples of what went wrong, by kind and MailKey prefix (no content). */
  problems: string[];
}

export interface Observed {
  mix: Mix;
  posted: Posted[];
  tickets: Item[];
  comments: Item[];
  processed: Array<Record<string, unknown>>;
  staged: number;
  poisoned: number;
  ru: number;
  ruPerMinute: number;
  began: number;
}

const group = (items: Item[]): Map<string, Item[]> => {
  const map = new Map<string, Item[]>();
  for (const item of items) map.set(item.mailKey, [...(map.get(item.mailKey) ?? []), item]);
  return map;
};

const quantile = (sorted: number[], q: number): number =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) : 0;

export function verdict(o: Observed): Figures {
  const tickets = group(o.tickets);
  const comments = group(o.comments);
  const firstPost = new Map<string, number>();
  const mailIds = new Map<string, string[]>();
  for (const p of o.posted) {
    const key = p.post.mail.key;
    firstPost.set(key, Math.min(firstPost.get(key) ?? Infinity, p.at));
    mailIds.set(key, [...(mailIds.get(key) ?? []), p.mailId]);
  }
  const events = new Map(o.processed.map((e) => [String(e.mailId), e]));
  const problems: string[] = [];
  const note = (what: string, key: string): void => {
    if (problems.length < 5) problems.push(`${what} ${key.slice(0, 12)}`);
  };
  let lost = 0;
  let unexpected = 0;
  let unloggedDrops = 0;
  const latencies: number[] = [];
  for (const [key, mail] of o.mix.sent) {
    const asTicket = tickets.get(key) ?? [];
    const asComment = comments.get(key) ?? [];
    const item = asTicket[0] ?? asComment[0];
    const expected = mail.expected;
    if (item) latencies.push(item.created - (firstPost.get(key) ?? item.created));
    if (expected.kind === 'drop') {
      // A delivery after the drop finds nothing left: 'already-processed' or 'duplicate'.
      const seen = (mailIds.get(key) ?? [])
        .map((id) => events.get(id)?.outcome)
        .filter((s) => s !== undefined && s !== 'already-processed' && s !== 'duplicate');
      if (item || seen.some((s) => s !== expected.outcome)) {
        unexpected++;
        note(`${mail.kind} became ${item ? 'an item' : seen.join('/')}`, key);
      } else if (!seen.includes(expected.outcome)) unloggedDrops++;
      const at = (mailIds.get(key) ?? []).map((id) => Date.parse(String(events.get(id)?.at)));
      const logged = at.find((t) => Number.isFinite(t));
      if (logged !== undefined) latencies.push(logged - (firstPost.get(key) ?? logged));
    } else if (!item) {
      lost++;
      note(`${mail.kind} lost`, key);
    } else if (expected.kind === 'ticket' ? asComment.length > 0 : asTicket.length > 0) {
      unexpected++;
      note(`${mail.kind} became the other kind of item`, key);
    } else if (expected.kind === 'comment') {
      const parent = tickets.get(expected.parent)?.[0]?.id;
      if (!asComment.every((c) => c.ticketId === parent)) {
        unexpected++;
        note(`${mail.kind} on the wrong ticket`, key);
      }
    }
  }
  let duplicated = 0;
  for (const key of new Set([...tickets.keys(), ...comments.keys()])) {
    const count = (tickets.get(key)?.length ?? 0) + (comments.get(key)?.length ?? 0);
    if (count > 1) duplicated += count - 1;
    if (!o.mix.sent.has(key)) {
      unexpected += count;
      note('item of no sent mail', key);
    }
  }
  latencies.sort((a, b) => a - b);
  const written = o.tickets.length + o.comments.length;
  const start = Math.min(...o.posted.map((p) => p.at));
  const end = Math.max(...[...o.tickets, ...o.comments].map((i) => i.created));
  const ticketsPerMinute = written / Math.max((end - start) / 60_000, 1e-9);
  const ruPerItem = written ? o.ru / written : 0;
  const allowed = ruPerItem ? o.ruPerMinute / ruPerItem : 0;
  return {
    mails: o.posted.length,
    lost,
    duplicated,
    unexpected,
    unloggedDrops,
    staged: o.staged,
    interruptedPosts: o.posted.reduce((sum, p) => sum + p.interrupted, 0),
    poisoned: o.poisoned,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    ticketsPerMinute: +ticketsPerMinute.toFixed(1),
    ruPerItem: +ruPerItem.toFixed(2),
    ruCeilingRatio: allowed ? +(ticketsPerMinute / allowed).toFixed(3) : 0,
    runSeconds: Math.round((Date.now() - o.began) / 1000),
    problems,
  };
}
