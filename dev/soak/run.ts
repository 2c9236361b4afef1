/**
 * One soak run: mails of the mix (mix.ts) posted in rounds, faults throughout (a seeded 20 % of
 * Graph requests answered 429 or 503, a small tenant's resource-unit budget, the host killed and
 * Azurite and Cosmos restarted at seeded mail counts), then the outcome checked (verdict.ts).
 */
import { loadConfig } from '../../lib/config';
import { buildDeps } from '../../lib/deps';
import { DEMO_TENANT } from '../seed';
import { Mix, rng } from './mix';
import { Outcomes } from './outcomes';
import { type Posted, postAll } from './post';
import { type Restartable, startSoakStack } from './stack';
import { type Figures, verdict } from './verdict';

export interface SoakOptions {
  mails: number;
  seed: number;
  hostKills: number;
  /** The budget's window: 60 is SharePoint's minute; shorter runs the same budget faster. */
  budgetWindowSeconds: number;
  portBase: number;
  rounds: number;
  concurrency: number;
  /** Longest wait for the queue to drain after a round. */
  drainMs: number;
  progress?: (line: string) => void;
}

/** The seeded mail counts at which the host, Azurite and Cosmos are hit (5 %..95 % of the run). */
export function faultPlan(options: SoakOptions): Map<number, Restartable> {
  const draw = rng(options.seed ^ 0x50a4);
  const plan = new Map<number, Restartable>();
  const faults: Restartable[] = [
    ...Array<Restartable>(options.hostKills).fill('host'),
    'azurite',
    'cosmos',
  ];
  for (const fault of faults) {
    let at: number;
    do at = Math.floor(options.mails * (0.05 + 0.9 * draw()));
    while (plan.has(at));
    plan.set(at, fault);
  }
  return plan;
}

async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export async function runSoak(options: SoakOptions): Promise<Figures> {
  const began = Date.now();
  const say = options.progress ?? (() => undefined);
  const stack = await startSoakStack(options.portBase);
  const deps = buildDeps(loadConfig(stack.settings));
  const admin = async (path: string, body?: object): Promise<Record<string, unknown>> => {
    const res = await fetch(`${stack.settings.GRAPH_BASE_URL}/_admin/${path}`, {
      method: body ? 'PUT' : 'GET',
      headers: { 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`graph-sim ${path}: HTTP ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const charged = async (): Promise<number> => {
    const usage = (await admin('budget')).usage as Array<{ tenantId: string; charged: number }>;
    const tenant = DEMO_TENANT.entraTenantId.toLowerCase();
    return usage.filter((u) => u.tenantId === tenant).reduce((sum, u) => sum + u.charged, 0);
  };
  try {
    const outcomes = new Outcomes(deps);
    const mix = new Mix(options.seed, DEMO_TENANT.supportAddresses[0] ?? '');
    const plan = faultPlan(options);
    const budget = await admin('budget', {
      tier: 'small',
      windowSeconds: options.budgetWindowSeconds,
    });
    const ruPerMinute = (Number(budget.perMinute) * 60) / options.budgetWindowSeconds;
    let ownRu = 0; // what the soak's own reads cost, left out of RU per item
    const readTickets = async () => {
      const before = await charged();
      const items = await outcomes.items('Tickets');
      ownRu += (await charged()) - before;
      return items;
    };
    let faults = Promise.resolve();
    const before = (index: number): Promise<void> => {
      const fault = plan.get(index);
      if (!fault) return Promise.resolve();
      say(`mail ${index}: restarting ${fault}`);
      return (faults = faults.then(() => stack.restart(fault)));
    };
    const posted: Posted[] = [];
    const known = new Map<string, string>();
    const perRound = Math.ceil(options.mails / options.rounds);
    // The queue holds a mail until it is written, dropped or poisoned (poisoned mail stays
    // staged for `npm run replay`; the verdict counts both).
    const drained = async () => (await outcomes.queued()) === 0 && (await outcomes.queued()) === 0;
    for (let round = 0; posted.length < options.mails; round++) {
      await admin('faults', {
        rate: 0.2,
        seed: (options.seed + round) >>> 0,
        status: round % 2 ? 503 : 429,
        retryAfterSeconds: 0.2,
      });
      const posts = mix.round(Math.min(perRound, options.mails - posted.length), known);
      posted.push(
        ...(await postAll(posts, {
          url: `http://localhost:${stack.settings.FUNCTIONS_PORT}/api/inbound?recipient=${encodeURIComponent(DEMO_TENANT.supportAddresses[0] ?? '')}`,
          key: stack.settings.LOCAL_FUNCTION_KEY ?? '',
          concurrency: options.concurrency,
          offset: posted.length,
          before,
        })),
      );
      await faults;
      await until(drained, options.drainMs, `round ${round}: queue empty`).catch(
        async (err: Error) => {
          const left = `${await outcomes.staged()} staged, ${await outcomes.queued()} queued`;
          throw new Error(`${err.message} (${left}, ${await outcomes.poisoned()} poisoned)`);
        },
      );
      for (const t of await readTickets()) known.set(t.mailKey, t.id);
      say(`round ${round}: ${posted.length} mails posted, ${known.size} tickets`);
    }
    const ru = (await charged()) - ownRu;
    await admin('faults', { rate: 0 });
    await admin('budget', { off: true });
    // The last events reach the log within its 1 s flush (lib/storage/logs.ts).
    await new Promise((r) => setTimeout(r, 3000));
    return verdict({
      mix,
      posted,
      tickets: await outcomes.items('Tickets'),
      comments: await outcomes.items('Comments'),
      processed: await outcomes.processed(Date.now() - began + 3_600_000),
      staged: await outcomes.staged(),
      poisoned: await outcomes.poisoned(),
      ru,
      ruPerMinute,
      began,
    });
  } finally {
    await deps.log.close().catch(() => undefined);
    await stack.stop();
  }
}
