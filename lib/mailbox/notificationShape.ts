/**
 * The shape of what Graph posts to /api/mailbox/notify and /api/mailbox/lifecycle, checked
 * before anything is looked up: `{"value":[…]}` with at most MAX_ITEMS items, each with its
 * subscription id and clientState as bounded strings. Anything else is answered 400. Pure.
 */
export const MAX_ITEMS = 1000;
// Graph subscription ids are GUIDs; our clientState is 43 characters; Graph allows 128.
const MAX_ID = 128;
const MAX_MESSAGE_ID = 512;

export interface ChangeItem {
  subscriptionId: string;
  clientState: string | undefined;
  changeType: string;
  /** The message's id (resourceData.id), when the item names one. */
  messageId: string | undefined;
}

export type LifecycleEvent = 'missed' | 'subscriptionRemoved' | 'reauthorizationRequired';

export interface LifecycleItem {
  subscriptionId: string;
  clientState: string | undefined;
  /** An event we do not know is kept as 'other' and ignored. */
  event: LifecycleEvent | 'other';
}

type Json = Record<string, unknown>;

const text = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= max;

function items(body: unknown): Json[] | undefined {
  const value = (body as Json | null)?.value;
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_ITEMS) return undefined;
  const all = value as unknown[];
  if (!all.every((i) => typeof i === 'object' && i !== null && !Array.isArray(i))) return undefined;
  return all as Json[];
}

type Common = { subscriptionId: string; clientState: string | undefined };

function common(i: Json): Common | undefined {
  if (!text(i.subscriptionId, MAX_ID)) return undefined;
  if (i.clientState !== undefined && i.clientState !== null && !text(i.clientState, MAX_ID)) {
    return undefined;
  }
  return {
    subscriptionId: i.subscriptionId,
    clientState: typeof i.clientState === 'string' ? i.clientState : undefined,
  };
}

/** Every item through `one`; a single bad item makes the whole body bad (400). */
function parseAll<T>(
  body: unknown,
  one: (i: Json, base: Common) => T | undefined,
): T[] | undefined {
  const list = items(body);
  if (!list) return undefined;
  const parsed: T[] = [];
  for (const i of list) {
    const base = common(i);
    const item = base && one(i, base);
    if (!item) return undefined;
    parsed.push(item);
  }
  return parsed;
}

export function parseChangeNotifications(body: unknown): ChangeItem[] | undefined {
  return parseAll(body, (i, base) => {
    if (!text(i.changeType, 64)) return undefined;
    const data = i.resourceData as Json | undefined;
    const id = typeof data === 'object' && data !== null ? data.id : undefined;
    return {
      ...base,
      changeType: i.changeType,
      messageId: text(id, MAX_MESSAGE_ID) ? id : undefined,
    };
  });
}

const EVENTS: ReadonlySet<string> = new Set<LifecycleEvent>([
  'missed',
  'subscriptionRemoved',
  'reauthorizationRequired',
]);

export function parseLifecycleNotifications(body: unknown): LifecycleItem[] | undefined {
  return parseAll(body, (i, base) => {
    if (!text(i.lifecycleEvent, 64)) return undefined;
    const event = EVENTS.has(i.lifecycleEvent) ? (i.lifecycleEvent as LifecycleEvent) : 'other';
    return { ...base, event };
  });
}
