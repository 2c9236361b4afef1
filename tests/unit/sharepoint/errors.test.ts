import { PermanentError, TransientError } from '../../../lib/errors';
import { graphFailureOf, toHelpdeskError } from '../../../lib/sharepoint/errors';
import { sdkError } from './fakeGraph';

const SECRET_VALUE = 'alice@example.com';

describe('Graph error mapping', () => {
  it.each([
    [429, 'activityLimitReached', TransientError, 'graph-throttled'],
    [503, 'serviceNotAvailable', TransientError, 'graph-unavailable'],
    [504, 'gatewayTimeout', TransientError, 'graph-unavailable'],
    [500, 'generalException', TransientError, 'graph-unavailable'],
    [423, 'resourceLocked', TransientError, 'graph-unavailable'],
    [401, 'InvalidAuthenticationToken', PermanentError, 'graph-access-denied'],
    [403, 'accessDenied', PermanentError, 'graph-access-denied'],
    [404, 'itemNotFound', PermanentError, 'graph-not-found'],
    [409, 'nameAlreadyExists', PermanentError, 'graph-conflict'],
    [400, 'invalidRequest', PermanentError, 'graph-http-400'],
  ])('when Graph answers %i %s, then %p %s', (status, code, type, ours) => {
    const err = toHelpdeskError('create ticket', sdkError(status, code));
    expect(err).toBeInstanceOf(type);
    expect(err.code).toBe(ours);
    expect(err.message).toBe(
      `create ticket: HTTP ${status} ${code} (request-id 8d1c2b3a-0000-4000-8000-000000000001)`,
    );
  });

  it('when SharePoint refuses a duplicate in a unique column, then it is a unique violation', () => {
    const err = toHelpdeskError(
      'create ticket',
      sdkError(
        400,
        'invalidRequest',
        'One or more fields with unique constraints already has the provided value.',
      ),
    );
    expect(err.code).toBe('graph-unique-violation');
  });

  it('when the server message or body echoes a value, then the mapped error does not', () => {
    const raw = sdkError(400, 'invalidRequest', `Field 'Email' value '${SECRET_VALUE}' is invalid`);
    (raw as unknown as { body: string }).body = `{"fields":{"Email":"${SECRET_VALUE}"}}`;
    const err = toHelpdeskError('create contact', raw);
    expect(err.message).not.toContain(SECRET_VALUE);
    expect(JSON.stringify(err)).not.toContain(SECRET_VALUE);
    expect(err.cause).toBeUndefined();
    expect(String(err.stack)).not.toContain(SECRET_VALUE);
  });

  it('when an error code is not an identifier, then it is not copied', () => {
    expect(graphFailureOf(sdkError(400, `bad ${SECRET_VALUE}`)).graphCode).toBe('unknown');
  });

  it('when the token request is refused, then it is permanent and names only OAuth codes', () => {
    const raw = Object.assign(new Error(''), {
      name: 'GraphError',
      statusCode: -1,
      code: 'AuthenticationRequiredError',
      body: 'AuthenticationRequiredError: invalid_client: AADSTS7000215: Invalid client secret provided for app x',
    });
    const err = toHelpdeskError('resolve site', raw);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.code).toBe('graph-auth-refused');
    expect(err.message).toBe('resolve site: token refused (invalid_client AADSTS7000215)');
  });

  it('when the token endpoint cannot be reached, then it is transient', () => {
    const raw = Object.assign(new Error('connect ECONNREFUSED'), {
      statusCode: -1,
      code: 'AuthenticationRequiredError',
      body: 'AuthenticationRequiredError: network_error: connect ECONNREFUSED',
    });
    expect(toHelpdeskError('resolve site', raw).code).toBe('graph-auth-unavailable');
  });

  it('when no response came back at all, then it is transient', () => {
    const raw = Object.assign(new TypeError('fetch failed'), { statusCode: -1, code: 'TypeError' });
    const err = toHelpdeskError('find contact', raw);
    expect(err).toBeInstanceOf(TransientError);
    expect(err.code).toBe('graph-unreachable');
  });

  it('when the error is already ours, then it passes unchanged', () => {
    const ours = new PermanentError('schema-missing', 'x');
    expect(toHelpdeskError('op', ours)).toBe(ours);
  });
});
