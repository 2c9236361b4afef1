import { classify as classifyMail } from '../../mail/classify';
import { type Stage, need, proceed } from '../stage';
import { drop } from './drop';

/**
 * What kind of mail this is (docs/mail-rules.md "Not tickets"). Loops (mail from the tenant's
 * own support addresses) and abuse reports are dropped here, before the licence or SharePoint is
 * touched. Auto-replies and bounces go on: threading decides whether they become an internal
 * comment or are dropped.
 */
export const classify: Stage = {
  name: 'classify',
  // Pure and bounded: the parse stage already capped the text it reads.
  timeoutMs: 5_000,
  async run(ctx, deps) {
    const own = [...need(ctx, 'tenant').supportAddresses, ctx.message.mailbox];
    const found = classifyMail(need(ctx, 'mail'), { ownAddresses: own });
    ctx.classification = found;
    const code = `${found.kind}/${found.reason}`;
    if (found.kind === 'loop' || found.kind === 'abuse-report') {
      return drop(ctx, deps, `dropped-${found.kind}`, code);
    }
    return found.kind === 'normal' ? proceed : { kind: 'continue', code };
  },
};
