/**
 * A parse that waits forever (here: input that never ends) was cut off by the runner's stage
 * timeout, but only its promise: the parser, the structure watch and their input stayed wired
 * up and held in memory behind the next stage. The parse now reads the stage's signal
 * (lib/deadline.ts), as the Graph calls do, and stops all of it when the signal fires.
 *
 * The test deadline only bounds a parse that ignores the signal; it is not a timing assertion.
 */
import { Readable } from 'node:stream';

import { ABORT_CODE, withSignal } from '../../../lib/deadline';
import { parseMail } from '../../../lib/mail/parse';
import { settlesInTime } from '../../support/settles';

/** The head of a mail whose body never ends: nothing more is ever pushed. */
function endlessMail(): Readable {
  const input = new Readable({ read: () => undefined });
  input.push('From: a@example.com\r\nSubject: s\r\n\r\nthe body goes on');
  return input;
}

describe('a parse that would wait forever', () => {
  it('when the stage signal fires, then the parse rejects as timed out and lets go of its input', async () => {
    const input = endlessMail();
    const stage = new AbortController();
    const parsing = withSignal(stage.signal, () => parseMail(input));
    // Let the head reach the parser first: the parse is under way, not refused up front.
    await new Promise((resolve) => setImmediate(resolve));
    stage.abort();
    await expect(settlesInTime(parsing)).rejects.toMatchObject({ code: ABORT_CODE });
    expect(input.listenerCount('data')).toBe(0);
  });

  it('when the stage signal has already fired, then the parse rejects at once', async () => {
    const stage = new AbortController();
    stage.abort();
    const parsing = withSignal(stage.signal, () => parseMail(endlessMail()));
    await expect(settlesInTime(parsing)).rejects.toMatchObject({ code: ABORT_CODE });
  });
});
