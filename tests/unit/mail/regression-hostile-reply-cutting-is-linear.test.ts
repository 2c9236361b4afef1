/**
 * Reply cutting runs on a stranger's reply before anything caps it. Bodies built to make its
 * patterns backtrack (tags that never close, comments that never end, long lines ending in ':')
 * took minutes at a few hundred kilobytes and blocked the worker. The inputs here are sized so
 * that the old behaviour needs minutes and the linear one milliseconds: the generous bound below
 * cannot be missed by a busy machine, only by a quadratic scan.
 */
import { cutReply } from '../../../lib/mail/reply';
import { commentBody } from '../../../lib/mail/ticketFields';

const BOUND_MS = 10_000;

function within(work: () => unknown): number {
  const started = Date.now();
  work();
  return Date.now() - started;
}

describe('cutting a hostile reply', () => {
  it.each([
    ['tags that never close', '<a'.repeat(400_000)],
    ['comments that never end', '<!--'.repeat(200_000)],
    [
      'unclosed tags before an Outlook cut',
      `${'<div'.repeat(200_000)}<div id="divRplyFwdMsg">x</div>`,
    ],
  ])(
    'when the HTML is %s, then it is handled in linear time',
    (_d, html) => {
      expect(within(() => commentBody({ html, text: undefined }))).toBeLessThan(BOUND_MS);
    },
    60_000,
  );

  it('when a plain-text line is huge and ends like an attribution, then it is handled in linear time', () => {
    expect(within(() => cutReply(`On Monday wrote${' '.repeat(1_000_000)}:`))).toBeLessThan(
      BOUND_MS,
    );
    expect(within(() => cutReply(`${'x@'.repeat(500_000)}:`))).toBeLessThan(BOUND_MS);
  }, 60_000);
});
