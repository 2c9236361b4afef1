/**
 * What the subscription tests share: the mail tests' simulator with its granted mailbox, a local HTTP
 * endpoint of the test's own standing in for the function app (it answers the validation
 * handshake and records every POST), and the calls a subscriber makes.
 */
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { RawResponse } from '../../dev/graph-sim/testing';
import {
  type MailSim,
  SUPPORT,
  TENANT_A,
  TENANT_B,
  mime,
  startMailSim,
} from './graph-sim-mail-kit';

export const TENANT = TENANT_A;
export const OTHER_TENANT = TENANT_B;
export const MAILBOX = SUPPORT;

export interface Received {
  path: string;
  query: URLSearchParams;
  contentType: string;
  body: string;
  at: number;
}

export interface Answer {
  status: number;
  type?: string;
  body?: string;
  delayMs?: number;
}

/** Graph's handshake answered right; every other POST 202. */
export function rightAnswer(req: Received): Answer {
  const token = req.query.get('validationToken');
  return token === null ? { status: 202 } : { status: 200, type: 'text/plain', body: token };
}

export interface Endpoint {
  url: string;
  received: Received[];
  /** What the endpoint answers; tests replace it to fail the handshake or a notification. */
  answer: (req: Received) => Answer;
  /** The POSTs that were not handshakes, parsed. */
  notifications(): { value: Record<string, unknown>[] }[];
  /** Waits until `count` notifications have arrived (or fails after `ms`). */
  waitFor(count: number, ms?: number): Promise<{ value: Record<string, unknown>[] }[]>;
  close(): Promise<void>;
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startEndpoint(): Promise<Endpoint> {
  const endpoint: Endpoint = {
    url: '',
    received: [],
    answer: rightAnswer,
    notifications: () =>
      endpoint.received
        .filter((r) => !r.query.has('validationToken'))
        .map((r) => JSON.parse(r.body) as { value: Record<string, unknown>[] }),
    async waitFor(count, ms = 5_000) {
      const until = Date.now() + ms;
      while (endpoint.notifications().length < count && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 20));
      }
      const got = endpoint.notifications();
      if (got.length < count) throw new Error(`${got.length} of ${count} notifications arrived`);
      return got;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    void read(req).then(async (body) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const received: Received = {
        path: url.pathname,
        query: url.searchParams,
        contentType: req.headers['content-type'] ?? '',
        body,
        at: Date.now(),
      };
      endpoint.received.push(received);
      const a = endpoint.answer(received);
      if (a.delayMs) await new Promise((r) => setTimeout(r, a.delayMs));
      res.writeHead(a.status, a.type ? { 'content-type': a.type } : {});
      res.end(a.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  endpoint.url = `http://localhost:${(server.address() as AddressInfo).port}`;
  return endpoint;
}

export const inHours = (h: number): string => new Date(Date.now() + h * 3_600_000).toISOString();

/** A subscription request on the mailbox's inbox to `endpoint`, with overrides. */
export function subscriptionBody(endpoint: Endpoint, extra: Record<string, unknown> = {}): object {
  return {
    changeType: 'created',
    notificationUrl: `${endpoint.url}/api/mailbox/notify`,
    lifecycleNotificationUrl: `${endpoint.url}/api/mailbox/lifecycle`,
    resource: `users/${MAILBOX}/mailFolders('inbox')/messages`,
    expirationDateTime: inHours(72),
    clientState: 'secret-client-state',
    ...extra,
  };
}

export interface World extends MailSim {
  endpoint: Endpoint;
  /** Delivers a new mail into MAILBOX; returns its immutable id. */
  send(): Promise<string>;
  close(): Promise<void>;
}

/** The mail tests' simulator (graph-sim-mail-kit.ts) and an endpoint of the test's own. */
export async function startWorld(): Promise<World> {
  const sim = await startMailSim();
  const endpoint = await startEndpoint();
  let sent = 0;
  return {
    ...sim,
    endpoint,
    send: () => sim.deliver(mime(`Mail ${++sent}`)),
    close: async () => {
      await sim.t.close();
      await endpoint.close();
    },
  };
}

/** The file's world: started before its tests, closed after them, its endpoint reset before each. */
export function useWorld(): World {
  const world = {} as World;
  beforeAll(async () => {
    Object.assign(world, await startWorld());
  });
  afterAll(() => world.close());
  beforeEach(async () => {
    world.endpoint.answer = rightAnswer;
    world.endpoint.received.length = 0;
    await world.t.admin('PUT', '/_admin/notifications', {});
  });
  return world;
}

/** Who subscribes: a simulator and the endpoint to notify (a world, or a restarted simulator). */
export type Subscriber = Pick<World, 't' | 'endpoint'>;

/** A subscription request on MAILBOX's inbox to the world's endpoint, with immutable ids. */
export const subscribe = (
  world: Subscriber,
  extra?: Record<string, unknown>,
  tenant = TENANT,
): Promise<RawResponse> =>
  world.t.graphFetch(tenant, 'POST', '/subscriptions', {
    body: subscriptionBody(world.endpoint, extra),
    headers: { prefer: 'IdType="ImmutableId"' },
  });

/** A subscription that must be created; returns its id. */
export async function subscribed(
  world: Subscriber,
  extra?: Record<string, unknown>,
): Promise<string> {
  const res = await subscribe(world, extra);
  if (res.status !== 201)
    throw new Error(`subscribe: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { id: string }).id;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const minutesFromNow = (iso: unknown): number =>
  (Date.parse(iso as string) - Date.now()) / 60_000;
