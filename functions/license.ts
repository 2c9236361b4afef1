import type { HttpRequest, HttpResponseInit } from '@azure/functions';

import { readRequestBody } from '../lib/httpBody';
import { clientAddress } from '../lib/licensing/client';
import { corsHeaders } from '../lib/licensing/cors';
import type { FunctionDefinition } from './definition';
import { lazy } from './lazy';

const load = lazy(() => Promise.all([import('../lib/deps'), import('../lib/licensing/check')]));

// A licence check is a tiny JSON document; anything bigger is not one.
const MAX_BODY_BYTES = 4096;

async function siteFromBody(request: HttpRequest): Promise<unknown> {
  // Read against the limit as it arrives: the route is anonymous, a 100 MB body must cost nothing.
  const body = await readRequestBody(request, MAX_BODY_BYTES);
  if (!body.ok) return undefined;
  try {
    return (JSON.parse(body.bytes.toString('utf8')) as { site?: unknown } | null)?.site;
  } catch {
    return undefined;
  }
}

/** The token of `Authorization: Bearer <token>`; any other Authorization is a token that fails. */
function bearerOf(authorization: string | null): string | undefined {
  if (authorization === null) return undefined;
  return /^Bearer\s+(\S+)$/i.exec(authorization.trim())?.[1] ?? '';
}

/** GET /api/license?site=<url>, POST /api/license {"site"}, and the CORS preflight. */
export async function licence(request: HttpRequest): Promise<HttpResponseInit> {
  const cors = corsHeaders(request.headers.get('origin'));
  if (request.method === 'OPTIONS') return { status: 204, headers: cors };
  const site = request.method === 'POST' ? await siteFromBody(request) : request.query.get('site');
  const [{ getCheckDeps }, { checkLicence }] = await load();
  const result = await checkLicence(
    {
      site,
      client: clientAddress(request.headers.get('x-forwarded-for')),
      bearer: bearerOf(request.headers.get('authorization')),
    },
    await getCheckDeps(),
  );
  if (result.status === 200) {
    return {
      status: 200,
      headers: { ...cors, 'cache-control': 'no-store' },
      jsonBody: result.body,
    };
  }
  const headers: Record<string, string> = { ...cors };
  if (result.status === 429) headers['retry-after'] = String(result.retryAfterSeconds);
  if (result.status === 401) headers['www-authenticate'] = 'Bearer error="invalid_token"';
  return { status: result.status, headers, jsonBody: { error: result.error } };
}

/** GET /api/license/keys: the public keys verifying licence answers (JWKS). */
export async function licenceKeys(request: HttpRequest): Promise<HttpResponseInit> {
  const [{ getCheckDeps }] = await load();
  const { signer } = await getCheckDeps();
  return {
    status: 200,
    headers: {
      ...corsHeaders(request.headers.get('origin')),
      'cache-control': 'public, max-age=3600',
    },
    jsonBody: signer.jwks(),
  };
}

export const licenceFunction: FunctionDefinition = {
  name: 'license',
  trigger: 'http',
  options: {
    methods: ['GET', 'POST', 'OPTIONS'],
    authLevel: 'anonymous',
    route: 'license',
    handler: licence,
  },
};

export const licenceKeysFunction: FunctionDefinition = {
  name: 'licenseKeys',
  trigger: 'http',
  options: {
    methods: ['GET'],
    authLevel: 'anonymous',
    route: 'license/keys',
    handler: licenceKeys,
  },
};
