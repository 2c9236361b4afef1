/**
 * A '<' followed by a long run of letters and digits (a pasted base64 line or hash after a
 * stray '<') made the reply cutter's tag pattern try every split of the run into a tag name and
 * attributes: quadratic, 20,000 characters cost 0.55 s of CPU, 100,000 over 10 s (found by
 * npm run fuzz, in a reply body). A reply up to 3 MB is cut in under 0.5 s; this one takes
 * about 5 s before the fix on a busy 2-core machine, milliseconds after. CPU time is measured,
 * so other work on the machine does not count.
 */
import { cutReplyHtml } from '../../../lib/mail/replyHtml';
import { commentBody } from '../../../lib/mail/ticketFields';
import { bestCpuMs } from '../../support/cpuBudget';

const BOUND_MS = 500;

const cpuMs = async (work: () => unknown): Promise<number> =>
  (await bestCpuMs(BOUND_MS, work)).cpuMs;

describe('cutting a reply with a long run after a "<"', () => {
  it('when a "<" is followed by 60,000 letters, then the reply is cut in linear time', async () => {
    const html = `<p>Thanks</p><${'a'.repeat(60_000)}`;
    expect(await cpuMs(() => cutReplyHtml(html))).toBeLessThan(BOUND_MS);
  }, 60_000);

  it('when stray "<"s precede base64 runs before a quote, then the quote is still cut', async () => {
    const html = `<p>Thanks</p>${'<w6TDw6TD'.repeat(5_000)}<blockquote>old</blockquote>`;
    let body = '';
    expect(await cpuMs(() => (body = commentBody({ html, text: undefined })))).toBeLessThan(
      BOUND_MS,
    );
    expect(body).not.toContain('old');
  }, 60_000);

  it('when tags have names, attributes and quotes, then they are read as before', async () => {
    const html =
      '<div data-x="a>b" class=\'q\'><p>new</p></div><blockquote type=cite>old</blockquote>';
    expect(cutReplyHtml(html)).toBe('<div data-x="a>b" class=\'q\'><p>new</p></div>');
  });
});
