/**
 * Posting as a relay does: a mail is sent again until the door answers 202, through host kills
 * and storage restarts (connection refused, 503). Workers share one cursor, so at most
 * `concurrency` POSTs are in flight; `before(i)` runs before the i-th POST of the run (a fault
 * scheduled at that mail count) while the other workers go on posting into it.
 */
import type { Post } from './mix';

/** A restart of the host (tsx loading every function) takes ~10 s on 2 busy cores; 3 min is far past it. */
const POST_DEADLINE_MS = 180_000;
const RETRY_MS = 500;

export interface Posted {
  post: Post;
  mailId: string;
  at: number;
  /** POSTs of this mail that failed (refused connection, 503) before the 202. */
  interrupted: number;
}

export async function postOne(
  url: string,
  key: string,
  raw: Buffer,
): Promise<{ mailId: string; interrupted: number }> {
  const deadline = Date.now() + POST_DEADLINE_MS;
  for (let interrupted = 0; ; interrupted++) {
    let status = 0;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'message/rfc822', 'x-functions-key': key },
        body: raw,
      });
      status = res.status;
      const body = (await res.json().catch(() => ({}))) as { id?: unknown };
      if (status === 202 && typeof body.id === 'string') return { mailId: body.id, interrupted };
    } catch {
      // The host is down (killed, restarting): the relay tries again.
    }
    if (status !== 0 && status !== 503 && status !== 202) {
      throw new Error(`inbound answered ${status}: a mail of the mix was refused`);
    }
    if (Date.now() > deadline) throw new Error(`inbound unreachable for ${POST_DEADLINE_MS} ms`);
    await new Promise((r) => setTimeout(r, RETRY_MS));
  }
}

export async function postAll(
  posts: readonly Post[],
  options: {
    url: string;
    key: string;
    concurrency: number;
    /** The run's count of POSTs before this batch. */
    offset: number;
    before: (index: number) => Promise<void>;
  },
): Promise<Posted[]> {
  const done: Posted[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < posts.length) {
      const at = next++;
      const post = posts[at] as Post;
      await options.before(options.offset + at);
      const started = Date.now();
      const sent = await postOne(options.url, options.key, post.mail.raw);
      done.push({ post, ...sent, at: started });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return done;
}
