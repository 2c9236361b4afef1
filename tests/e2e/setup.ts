/**
 * The set-up every end-to-end test starts from, written once: a fresh tenant (provisioned, licensed,
 * with its support address, the recipient of every test mail) and, for a describe block that
 * shares them, a functions host started beside it. Hosts a test leaves running are stopped after
 * its file (support/stack.ts).
 */
import { type TestHost, startHost } from '../support/stack';
import { type TestTenant, newTenant } from './support';

/**
 * One host for every test of the file, started before the first: register it at the top level.
 * Its `url` is read when a test runs, by then the host is up.
 */
export function sharedHost(): Pick<TestHost, 'url'> {
  let host: TestHost | undefined;
  beforeAll(async () => {
    host = await startHost();
  });
  return {
    get url(): string {
      if (!host) throw new Error('the shared host is not started yet');
      return host.url;
    },
  };
}

export interface FreshTenant {
  tenant: TestTenant;
  /** The tenant's support address: where the relay delivers its mail. */
  support: string;
}

export async function freshTenant(): Promise<FreshTenant> {
  const tenant = await newTenant();
  return { tenant, support: tenant.supportAddresses[0] ?? '' };
}

export interface HostOptions {
  /** Settings for the host beyond the test stack's (a smaller mail limit, a shorter lease). */
  env?: Record<string, string>;
  /** Sees every line the host prints. */
  onLine?: (line: string) => void;
}

/** A host and a fresh tenant, started side by side (each takes seconds). */
export async function hostAndTenant(
  options: HostOptions = {},
): Promise<FreshTenant & { host: TestHost }> {
  const [host, fresh] = await Promise.all([startHost(options.env, options.onLine), freshTenant()]);
  return { host, ...fresh };
}
