import type { MailMessage } from '../../storage/staging';
import { type Stage, proceed } from '../stage';

/** The mail is in SharePoint: the staged copy goes (the service keeps no mail content). */
export const cleanup: Stage<MailMessage> = {
  name: 'cleanup',
  timeoutMs: 30_000,
  async run(message, deps) {
    await deps.staging.remove(message);
    return proceed;
  },
};
