import { classify } from '../../../../lib/pipeline/stages/classify';
import { type MailFields, SUPPORT, aMail, aWorld, anAdmitted } from './support';

describe('classify stage', () => {
  it.each<{ desc: string; mail: MailFields; verdict: object }>([
    {
      desc: 'a normal mail',
      mail: {},
      verdict: { kind: 'continue' },
    },
    {
      desc: 'mail from the support address itself',
      mail: { from: { address: SUPPORT, name: 'Support' } },
      verdict: { kind: 'stop', outcome: 'dropped-loop', code: 'loop/own-address' },
    },
    {
      desc: 'an ARF abuse report',
      mail: {
        structure: {
          parts: 3,
          depth: 2,
          types: ['multipart/report', 'message/feedback-report'],
          reportType: 'feedback-report',
        },
      },
      verdict: { kind: 'stop', outcome: 'dropped-abuse-report', code: 'abuse-report/arf' },
    },
    {
      desc: 'an out-of-office reply',
      mail: { headers: { 'Auto-Submitted': 'auto-replied' } },
      verdict: { kind: 'continue', code: 'auto-reply/auto-submitted' },
    },
    {
      desc: 'a bounce from the mailer daemon',
      mail: { from: { address: 'mailer-daemon@example.net', name: '' } },
      verdict: { kind: 'continue', code: 'bounce/mailer-daemon' },
    },
  ])('when it is $desc, then the verdict is $verdict.kind', async ({ mail, verdict }) => {
    const w = aWorld();
    const seen = await classify.run(anAdmitted(aMail(mail), w.site), w.deps);
    // The classification found goes on as the verdict's value; its kind and code are compared.
    expect({ ...seen, value: undefined }).toEqual(verdict);
    // A dropped mail keeps its staged copy until the Mail Log has it (pipeline/mailLog.ts).
    expect(w.removed).toEqual([]);
    expect(w.site.calls).toEqual([]);
  });
});
