/**
 * The local Cosmos DB: `@vercel/cosmosdb-server` (state in memory) served over TLS with the
 * stack's certificate; the package's bundled certificate has expired, and the Cosmos SDK only
 * speaks https. Run as its own process: `tsx dev/stack/cosmos.ts` with COSMOS_PORT.
 *
 * The server describes its account as living in "South Central US"; the service refuses a Cosmos
 * account whose write region is outside the EU, so the account answer is rewritten to name the
 * display name of DATA_REGION (West Europe by default), as a real EU account would.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { createHttpsServer } from '@vercel/cosmosdb-server';

import { ensureLocalCert } from '../certs';

const EU_REGION_NAMES: Record<string, string> = {
  westeurope: 'West Europe',
  northeurope: 'North Europe',
  francecentral: 'France Central',
  francesouth: 'France South',
  germanywestcentral: 'Germany West Central',
  germanynorth: 'Germany North',
  swedencentral: 'Sweden Central',
  swedensouth: 'Sweden South',
  italynorth: 'Italy North',
  polandcentral: 'Poland Central',
  spaincentral: 'Spain Central',
  belgiumcentral: 'Belgium Central',
  austriaeast: 'Austria East',
};

const regionName =
  EU_REGION_NAMES[process.env.DATA_REGION?.trim().toLowerCase() ?? ''] ?? 'West Europe';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** Wraps the server's handler so the database-account answer (GET /) names our region. */
function withRegion(handler: RequestListener): RequestListener {
  return (req, res) => {
    if (req.method === 'GET' && (req.url === '/' || req.url === '')) {
      const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
      res.end = ((chunk?: unknown) =>
        end(
          typeof chunk === 'string'
            ? chunk.replaceAll('"South Central US"', JSON.stringify(regionName))
            : chunk,
        )) as ServerResponse['end'];
    }
    handler(req, res);
  };
}

async function main(): Promise<void> {
  const port = Number(process.env.COSMOS_PORT ?? 8081);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`COSMOS_PORT: '${process.env.COSMOS_PORT ?? ''}' is not a TCP port`);
  }
  const { cert, key } = await ensureLocalCert();
  const server = createHttpsServer({ cert, key });
  const [handler] = server.listeners('request') as RequestListener[];
  if (!handler) throw new Error('@vercel/cosmosdb-server registered no request handler');
  server.removeAllListeners('request');
  server.on('request', withRegion(handler));

  // localhost only: the server accepts the emulator's well-known key.
  server.listen(port, '127.0.0.1', () => console.log(`cosmos: ready at https://localhost:${port}`));
  server.on('error', (err: NodeJS.ErrnoException) => {
    console.error(
      `cosmos: ${err.code === 'EADDRINUSE' ? `port ${port} is already in use` : err.message}`,
    );
    process.exit(1);
  });
  const stop = (): void => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  console.error(`cosmos: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
