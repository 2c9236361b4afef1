import { parseDuration, readHostJson } from '../../dev/host/hostJson';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CLEANUP_MARGIN_MS,
  FUNCTION_TIMEOUT_MS,
  MAIL_DEADLINE_MS,
  currentSignal,
  throwIfAborted,
  withSignal,
} from '../../lib/deadline';
import { PipelineBug, errorCode, isPermanent } from '../../lib/errors';

describe('the mail deadline', () => {
  it('matches host.json functionTimeout and leaves a margin for the log and the verdict', () => {
    readHostJson(); // host.json must still be valid for the local host
    const json = JSON.parse(readFileSync(join(__dirname, '../../host.json'), 'utf8')) as {
      functionTimeout: string;
    };
    const functionTimeout = parseDuration(json.functionTimeout, 'functionTimeout');
    expect(FUNCTION_TIMEOUT_MS).toBe(functionTimeout);
    expect(MAIL_DEADLINE_MS).toBe(functionTimeout - CLEANUP_MARGIN_MS);
    expect(CLEANUP_MARGIN_MS).toBeGreaterThanOrEqual(10_000);
  });

  it('carries the signal to awaited work, and only there', async () => {
    const controller = new AbortController();
    expect(currentSignal()).toBeUndefined();
    const seen = await withSignal(controller.signal, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return currentSignal();
    });
    expect(seen).toBe(controller.signal);
    expect(currentSignal()).toBeUndefined();
  });

  it('turns an aborted signal into a transient stage-timeout', async () => {
    const controller = new AbortController();
    controller.abort();
    await withSignal(controller.signal, async () => {
      let caught: unknown;
      try {
        throwIfAborted();
      } catch (err) {
        caught = err;
      }
      expect(isPermanent(caught)).toBe(false);
      expect(errorCode(caught)).toBe('stage-timeout');
    });
  });
});

describe('PipelineBug', () => {
  it('is permanent, so the mail is poisoned at once, with the code bug', () => {
    const bug = new PipelineBug('stage ran before parse');
    expect(isPermanent(bug)).toBe(true);
    expect(errorCode(bug)).toBe('bug');
  });
});
