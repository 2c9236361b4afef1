/**
 * The mailgate as an MTA runs it: a child process with the mail on stdin, against a local HTTP
 * server standing in for `/api/inbound` whose answer each test sets.
 */
import { spawn } from 'node:child_process';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export const GATE = join(__dirname, '..', '..', 'bin', 'helpdesk-mailgate.mjs');

export interface Received {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface FakeInbound {
  url: string;
  received: Received[];
  /** What the next requests are answered; `undefined` leaves them unanswered (a hung service). */
  answer: { status: number; body: string } | undefined;
  close(): Promise<void>;
}

export async function fakeInbound(): Promise<FakeInbound> {
  const fake: FakeInbound = {
    url: '',
    received: [],
    answer: { status: 202, body: '{"id":"0b7c8a3e-1111-4111-8111-123456789abc"}' },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      fake.received.push({
        method: req.method ?? '',
        url: new URL(req.url ?? '/', 'http://localhost'),
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      if (!fake.answer) return;
      res.writeHead(fake.answer.status, { 'content-type': 'application/json' });
      res.end(fake.answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/inbound`;
  // A hung request must not keep the server open after the test.
  const close = fake.close;
  fake.close = () => {
    server.closeAllConnections();
    return close();
  };
  return fake;
}

export interface GateRun {
  code: number | null;
  stderr: string;
  stdout: string;
}

/** Runs the gate with `args`, `mail` on stdin and only `env` (plus PATH) as its environment. */
export function runGate(
  args: string[],
  mail: Buffer,
  env: Record<string, string> = {},
): Promise<GateRun> {
  const child = spawn(process.execPath, [GATE, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  // The gate stops reading a mail that is too large, as it may: the write then fails (EPIPE).
  child.stdin.on('error', () => undefined);
  child.stdin.end(mail);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr, stdout })));
}

export function testMail(to: string, subject: string, bodyBytes = 100): Buffer {
  const head = [
    'From: Anna Example <anna@example.com>',
    `To: ${to}`,
    `Subject: ${subject}`,
    'Message-ID: <mailgate-unit@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
  ];
  return Buffer.from(`${head.join('\r\n')}\r\n\r\n${'x'.repeat(bodyBytes)}\r\n`);
}
