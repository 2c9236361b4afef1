import { classify } from '../../../../lib/pipeline/stages/classify';
import { type MailFields, SUPPORT, aMail, aWorld, anAdmitted } from './support';

describe('classify stage', () => {
  it.each<{ desc: string; mail: MailFields; verdict: object; removed: boolean }>([
    {
      desc: 'a normal mail',
      mail: {},
      verdict: { kind: 'continue' },
      removed: false,
    },
    {
      desc: 'mail from the support address itself',
      mail: { from: { address: SUPPORT, name: 'Support' } },
      verdict: { kind: 'stop', outcome: 'dropped-loop', code: 'loop/own-address' },
      removed: true,
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
      removed: true,
    },
    {
      desc: 'an out-of-office reply',
      mail: { headers: { 'Auto-Submitted': 'auto-replied' } },
      verdict: { kind: 'continue', code: 'auto-reply/auto-submitted' },
      removed: false,
    },
    {
      desc: 'a bounce from the mailer daemon',
      mail: { from: { address: 'mailer-daemon@example.net', name: '' } },
      verdict: { kind: 'continue', code: 'bounce/mailer-daemon' },
      removed: false,
    },
  ])('when it is $desc, then the verdict is $verdict.kind', async ({ mail, verdict, removed }) => {
    const w = aWorld();
    const seen = await classify.run(anAdmitted(aMail(mail), w.site), w.deps);
    // The classification found goes on as the verdict's value; its kind and code are compared.
    expect({ ...seen, value: undefined }).toEqual(verdict);
    expect(w.removed).toEqual(removed ? ['b1'] : []);
    expect(w.site.calls).toEqual([]);
  });
});
