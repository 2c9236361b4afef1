/**
 * The notices (outbound/notice.ts) as the pipeline and the mailbox door hold them, loaded on the
 * first notice sent: the MIME composer behind them (about 100 ms to load) stays out of every
 * function's first call, and most processes never send a notice. Like the notices themselves,
 * send() never throws: a failed load answers its code, and the next notice loads again.
 */
import { errorCode } from './errors';
import type { Notices, outboundNotices } from './outbound/notice';
import { sharedUntilFailure } from './storage/promiseCache';

type NoticeParts = Omit<Parameters<typeof outboundNotices>[0], 'now'>;

/** `parts` is read on the first notice, so it may name deps still being built. */
export function lazyNotices(parts: () => NoticeParts): Notices {
  const loaded = new Map<'notices', Promise<Notices>>();
  const load = async () => {
    const { outboundNotices } = await import('./outbound/notice');
    return outboundNotices({ ...parts(), now: () => new Date() });
  };
  return {
    send: (...args) =>
      sharedUntilFailure(loaded, 'notices', load).then(
        (notices) => notices.send(...args),
        (err: unknown) => errorCode(err),
      ),
  };
}
