import type { MailMessage } from '../../storage/staging';
import { type Stage, go } from '../stage';

/** Reads the staged mail. A missing blob means an earlier delivery finished the mail. */
export const load: Stage<MailMessage, Buffer> = {
  name: 'load',
  timeoutMs: 30_000,
  async run(message, deps) {
    const raw = await deps.staging.read(message);
    if (!raw) return { kind: 'stop', outcome: 'already-processed' };
    return go(raw);
  },
};
