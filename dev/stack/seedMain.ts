/**
 * `tsx dev/stack/seedMain.ts`: seeds the demo tenant (dev/seed.ts) into a running stack. A child
 * of the supervisor because only a process started with NODE_EXTRA_CA_CERTS trusts the stack's
 * https endpoints (Node reads that variable once, at start).
 */
import { seedDemoTenant } from '../seed';
import { loadLocalSettings } from '../settings';

seedDemoTenant(loadLocalSettings()).then(
  () => process.exit(0),
  (err: unknown) => {
    // The developer's terminal: the whole error (with its cause) is what explains a failed seed.
    console.error('seed: failed:', err);
    process.exit(1);
  },
);
