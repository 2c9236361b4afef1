import { currentSignal } from '../../lib/deadline';
import { health } from '../../lib/health';
import type { MailStaging } from '../../lib/storage/staging';
import type { TenantStore } from '../../lib/tenants/store';

/** A probe that never answers by itself and records whether it was told to stop. */
function hangingProbe(): { probe: () => Promise<void>; aborted: () => boolean } {
  let signal: AbortSignal | undefined;
  return {
    probe: () =>
      new Promise<void>((_, reject) => {
        signal = currentSignal();
        signal?.addEventListener('abort', () => reject(signal?.reason), { once: true });
      }),
    aborted: () => signal?.aborted === true,
  };
}

describe('health', () => {
  it('when a probe outlasts its timeout, then it is aborted and the check answers as before', async () => {
    const storage = hangingProbe();
    const staging = { probe: storage.probe } as unknown as MailStaging;
    const tenants = { probe: async () => undefined } as unknown as TenantStore;
    const report = await health({ staging, tenants }, 50);
    expect(storage.aborted()).toBe(true);
    expect(report).toEqual({
      ok: false,
      checks: { configuration: 'ok', storage: 'Error', cosmos: 'ok' },
    });
  });

  it('when a probe ignores the signal, then the check still answers at the timeout', async () => {
    const staging = { probe: () => new Promise<void>(() => undefined) } as unknown as MailStaging;
    const tenants = { probe: async () => undefined } as unknown as TenantStore;
    const report = await health({ staging, tenants }, 50);
    expect(report.checks.storage).toBe('Error');
  });
});
