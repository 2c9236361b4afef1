/**
 * The fuzzer's case 1995 held parseMail for minutes: a header line without a colon, folded over
 * some 80,000 blank continuation lines (240 KiB, within the 256 KiB header limit). mailsplit
 * looked for the field's name by searching the whole joined field again after each continuation
 * line, which is quadratic and holds the event loop once per splitter (the structure watch's and
 * the parser's). A long run of carriage returns inside a header line did the same to the regular
 * expression that trims the section's last line break. Both are patched in mailsplit
 * (patches/@zone-eu+mailsplit+5.4.19.patch, the upstream fix of later versions).
 *
 * Each parse must settle before a deadline of 20 s; it takes well under a second now and took
 * close to a minute before, so the deadline rejects first only when the fault is back.
 */
import { parseMail } from '../../../lib/mail/parse';
import { settlesInTime } from '../../support/settles';

const mail = (head: string): Buffer =>
  Buffer.from(`From: a@example.com\r\nSubject: s\r\n${head}\r\n\r\nbody\r\n`, 'latin1');

describe('a header section that made mailsplit quadratic', () => {
  it('when a line without a colon is folded over 80,000 lines, then the parse settles', async () => {
    const parsed = await settlesInTime(parseMail(mail(`x${'\r\n '.repeat(80_000)}`)));
    expect(parsed.subject).toBe('s');
    expect(parsed.text?.trim()).toBe('body');
  }, 60_000);

  it('when a header line holds 200,000 carriage returns, then the parse settles', async () => {
    const parsed = await settlesInTime(parseMail(mail(`X-Note: a${'\r'.repeat(200_000)}b`)));
    expect(parsed.from?.address).toBe('a@example.com');
  }, 60_000);
});
