import type { HttpRequest, HttpResponseInit } from '@azure/functions';

import type { RelayAnswer, RelayDeps } from '../lib/relays/answer';
import type { FunctionDefinition } from './definition';
import { lazy } from './lazy';

type Adapter = 'takeSendGrid' | 'takeMailgun' | 'takePostmark';

const load = lazy(async () => {
  const [{ getDeps }, relays, { CosmosTokenStore }] = await Promise.all([
    import('../lib/deps'),
    import('../lib/relays'),
    import('../lib/relays/replay'),
  ]);
  const deps = getDeps();
  const relayDeps: RelayDeps = {
    ...deps,
    maxMailBytes: deps.config.maxMailBytes,
    relays: deps.config.relays,
    tokens: new CosmosTokenStore(() => deps.cosmos.get('relayTokens')),
    now: () => new Date(),
  };
  return { relays, relayDeps };
});

/** One relay's door: the adapter in lib/relays takes the request, its answer goes out as JSON. */
function door(adapter: Adapter) {
  return async (request: HttpRequest): Promise<HttpResponseInit> => {
    const { relays, relayDeps } = await load();
    const answer: RelayAnswer = await relays[adapter](request, relayDeps);
    return { status: answer.status, headers: answer.headers, jsonBody: answer.body };
  };
}

const takeMailgun = door('takeMailgun');

/** POST /api/inbound/sendgrid?code=<function key>: SendGrid Inbound Parse, raw MIME on. */
export const inboundSendGridFunction: FunctionDefinition = {
  name: 'inboundSendGrid',
  trigger: 'http',
  options: {
    methods: ['POST'],
    authLevel: 'function',
    route: 'inbound/sendgrid',
    handler: door('takeSendGrid'),
  },
};

/**
 * POST /api/inbound/mailgun, also as /api/inbound/mailgun/mime: Mailgun posts the raw mail only to
 * a URL ending in `mime`. Anonymous: the signature is the credential.
 */
export const inboundMailgunFunction: FunctionDefinition = {
  name: 'inboundMailgun',
  trigger: 'http',
  options: {
    methods: ['POST'],
    authLevel: 'anonymous',
    route: 'inbound/mailgun/{format?}',
    handler: async (request) => {
      const format = request.params.format;
      if (format !== undefined && format.toLowerCase() !== 'mime') {
        return { status: 404, jsonBody: { error: 'no such route' } };
      }
      return takeMailgun(request);
    },
  },
};

/** POST /api/inbound/postmark, basic auth (POSTMARK_INBOUND_CREDENTIALS) checked by the adapter. */
export const inboundPostmarkFunction: FunctionDefinition = {
  name: 'inboundPostmark',
  trigger: 'http',
  options: {
    methods: ['POST'],
    authLevel: 'anonymous',
    route: 'inbound/postmark',
    handler: door('takePostmark'),
  },
};
