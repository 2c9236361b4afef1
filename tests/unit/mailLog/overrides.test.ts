/**
 * The pipeline's overrides for a mail an agent recovered from the Mail Log: classify lets any
 * mail through as normal (the code keeps what it was judged), and burst neither counts nor drops
 * it. Without `recovery` the same mails are dropped as before.
 */
import { burst } from '../../../lib/pipeline/stages/burst';
import { classify } from '../../../lib/pipeline/stages/classify';
import { SUPPORT, aMail, aWorld, anAdmitted } from '../pipeline/stages/support';

const recovered = { recovery: { itemId: '7' } };

describe('a recovered mail in the pipeline', () => {
  it.each([
    {
      desc: 'mail from the support address itself',
      code: 'recovered/loop/own-address',
      fields: { from: { address: SUPPORT, name: 'Support' } },
    },
    {
      desc: 'an out-of-office reply',
      code: 'recovered/auto-reply/auto-submitted',
      fields: { headers: { 'Auto-Submitted': 'auto-replied' } },
    },
  ])('when it is $desc, then classify lets it on as normal mail ($code)', async (c) => {
    const w = aWorld();
    const admitted = anAdmitted(aMail(c.fields), w.site);
    const seen = await classify.run(
      { ...admitted, message: { ...admitted.message, ...recovered } },
      w.deps,
    );
    expect(seen).toEqual({
      kind: 'continue',
      value: { kind: 'normal', reason: 'recovered' },
      code: c.code,
    });
    expect(w.removed).toEqual([]);
  });

  it('when its sender is over the burst limit, then burst lets it on and does not count it', async () => {
    const w = aWorld(0);
    const admitted = anAdmitted(aMail(), w.site);
    const input = { ...admitted, mailHash: 'h1' };
    expect(
      await burst.run({ ...input, message: { ...input.message, ...recovered } }, w.deps),
    ).toEqual({
      kind: 'continue',
      value: undefined,
    });
    expect(w.removed).toEqual([]);
    // The same mail without recovery is over the limit (0 here) and dropped.
    expect(await burst.run(input, w.deps)).toMatchObject({
      kind: 'stop',
      outcome: 'dropped-sender-burst',
    });
  });
});
