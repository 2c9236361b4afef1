/**
 * Readiness and port checks for the stack's components. Probes use the stack's certificate
 * explicitly (`ca`), so the supervisor itself does not need NODE_EXTRA_CA_CERTS.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect, createServer } from 'node:net';

/** A check that resolves true when the component answers, false (never throws) otherwise. */
export type Probe = () => Promise<boolean>;

/** Whether nothing listens on `port` on the loopback interface (where the stack listens). */
export function portFree(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Fails with a message naming the component when one of its ports is taken. */
export async function assertPortsFree(component: string, ports: readonly number[]): Promise<void> {
  for (const port of ports) {
    if (!(await portFree(port))) throw new Error(`${component}: port ${port} is already in use`);
  }
}

export function tcpProbe(ports: readonly number[]): Probe {
  const one = (port: number): Promise<boolean> =>
    new Promise((resolve) => {
      const socket = connect({ port, host: '127.0.0.1' });
      socket.setTimeout(1000);
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
    });
  return async () => (await Promise.all(ports.map(one))).every(Boolean);
}

/**
 * An HTTP(S) GET that counts as ready when `accept(status)`; any answer at all by default
 * (the functions host answers 404 on `/`, and that is a perfectly ready host).
 */
export function httpProbe(
  url: string,
  options: { ca?: string; accept?: (status: number) => boolean } = {},
): Probe {
  const accept = options.accept ?? (() => true);
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return () =>
    new Promise((resolve) => {
      const req = request(
        target,
        { method: 'GET', ca: options.ca, timeout: 2000, agent: false },
        (res) => {
          res.resume();
          resolve(accept(res.statusCode ?? 0));
        },
      );
      req.once('error', () => resolve(false));
      req.once('timeout', () => {
        req.destroy();
        resolve(false);
      });
      req.end();
    });
}
