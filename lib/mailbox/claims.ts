/**
 * Idempotent fetch: before a message is staged, its claim is created, a blob
 * `mailbox-claims/{tenant}/{sha256(userId|messageId)}` in the staging container, with
 * `ifNoneMatch: '*'` so exactly one of several concurrent jobs for one message creates it. The
 * claim has no content; its metadata says `claimed` (being staged) or `done` (staged, or settled
 * without staging). A later job for the message sees `done` and stops: a duplicated notification
 * or a catch-up never stages a mail twice.
 *
 * The design question is a job that dies between claim and stage. It cannot be told from one
 * still working, so a `claimed` claim is taken over only once it is older than the function
 * timeout (no invocation runs longer); until then the job stops as `busy`, and the message, still
 * in the inbox, comes back with the next catch-up. A job that fails (an error, not a crash)
 * deletes its claim first, so the queue's retry stages at once. Should the stage succeed and
 * marking `done` fail, a retry stages again after the timeout: the pipeline's MailKey makes that
 * second copy a duplicate, never a second ticket.
 *
 * Living in the staging container, claims are purged after 7 days with the staged mail
 * (retention.ts purges every blob of that container), and erased with the tenant.
 */
import { createHash } from 'node:crypto';

import type { ContainerClient } from '@azure/storage-blob';

import { FUNCTION_TIMEOUT_MS, currentSignal } from '../deadline';

export const CLAIMS_PREFIX = 'mailbox-claims/';

export interface ClaimHandle {
  /** The message is staged or settled: no job needs to touch it again. */
  done(): Promise<void>;
  /** The job failed before staging: let the next delivery claim the message afresh. */
  abandon(): Promise<void>;
}

export interface MailClaims {
  claim(tenant: string, userId: string, messageId: string): Promise<ClaimHandle | 'done' | 'busy'>;
}

type StatusError = { statusCode?: number };
const statusOf = (err: unknown): number | undefined => (err as StatusError).statusCode;

export function claimName(tenant: string, userId: string, messageId: string): string {
  const digest = createHash('sha256').update(`${userId}|${messageId}`).digest('hex');
  return `${CLAIMS_PREFIX}${tenant}/${digest}`;
}

export class BlobMailClaims implements MailClaims {
  constructor(
    private readonly container: ContainerClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async claim(tenant: string, userId: string, messageId: string) {
    const blob = this.container.getBlockBlobClient(claimName(tenant, userId, messageId));
    const abortSignal = currentSignal();
    try {
      const created = await blob.upload('', 0, {
        metadata: { state: 'claimed' },
        conditions: { ifNoneMatch: '*' },
        abortSignal,
      });
      return this.handle(blob, created.etag);
    } catch (err) {
      if (statusOf(err) !== 409) throw err;
    }
    const props = await blob.getProperties({ abortSignal });
    if (props.metadata?.state === 'done') return 'done';
    const age = this.now().getTime() - (props.lastModified?.getTime() ?? 0);
    if (age < FUNCTION_TIMEOUT_MS) return 'busy';
    try {
      // The ETag makes the take-over one job's: a second one gets 412 and stops.
      const taken = await blob.setMetadata(
        { state: 'claimed' },
        { conditions: { ifMatch: props.etag }, abortSignal },
      );
      return this.handle(blob, taken.etag);
    } catch (err) {
      if (statusOf(err) === 412 || statusOf(err) === 404) return 'busy';
      throw err;
    }
  }

  private handle(
    blob: ReturnType<ContainerClient['getBlockBlobClient']>,
    etag: string | undefined,
  ): ClaimHandle {
    const conditions = etag ? { ifMatch: etag } : {};
    return {
      done: async () => {
        await blob.setMetadata({ state: 'done' }, { abortSignal: currentSignal() });
      },
      abandon: async () => {
        await blob.deleteIfExists({ conditions }).catch(() => undefined);
      },
    };
  }
}
