/** host.json, route templates and timer schedules as the local host reads them. */
import { parseDuration, parseHostJson } from '../../dev/host/hostJson';
import { compileRoute } from '../../dev/host/routes';
import { compileSchedule } from '../../dev/host/timer';

describe('host.json', () => {
  it.each([
    ['00:00:10', 10_000],
    ['00:01:00', 60_000],
    ['01:00:00', 3_600_000],
    ['1.00:00:00', 86_400_000],
    ['00:00:00.500', 500],
  ])('when a duration is %s, then it is %i ms', (text, ms) => {
    expect(parseDuration(text, 'x')).toBe(ms);
  });

  it.each(['10', '00:60:00', '1:2:3', '', 'PT10S'])(
    'when a duration is %j, then it is refused',
    (text) => {
      expect(() => parseDuration(text, 'x')).toThrow(/^x: /);
    },
  );

  it('when the queues section is absent, then the host defaults apply', () => {
    expect(parseHostJson({ version: '2.0' })).toEqual({
      routePrefix: 'api',
      queues: {
        maxDequeueCount: 5,
        visibilityTimeoutMs: 0,
        batchSize: 16,
        newBatchThreshold: 8,
        maxPollingIntervalMs: 60_000,
        messageEncoding: 'base64',
      },
    });
  });

  it('when the project host.json is read, then its values are used', () => {
    const { queues } = parseHostJson({
      extensions: { queues: { maxDequeueCount: 5, visibilityTimeout: '00:00:10', batchSize: 8 } },
    });
    expect(queues).toMatchObject({ maxDequeueCount: 5, visibilityTimeoutMs: 10_000, batchSize: 8 });
  });

  it.each([
    [{ batchSize: 33 }, /batchSize: must be a whole number between 1 and 32/],
    [{ batchSize: 0 }, /batchSize/],
    [{ maxDequeueCount: '5' }, /maxDequeueCount/],
    [{ maxPollingInterval: '00:00:00.050' }, /maxPollingInterval: must be at least/],
    [{ messageEncoding: 'utf8' }, /messageEncoding/],
  ])('when queues is %j, then the error names the key', (queues, message) => {
    expect(() => parseHostJson({ extensions: { queues } })).toThrow(message);
  });
});

describe('routes', () => {
  const match = compileRoute('api', 'tickets/{id:int}/files/{*path}');

  it('when literals differ in case, then they still match; parameters are decoded', () => {
    expect(match('/API/Tickets/12/files/a%20b/c.txt')).toEqual({ id: '12', path: 'a b/c.txt' });
  });

  it('when a constraint fails or a segment is missing, then there is no match', () => {
    expect(match('/api/tickets/x/files/a')).toBeUndefined();
    expect(match('/api/tickets/12')).toBeUndefined();
  });

  it('when the route prefix is empty, then routes start at the root', () => {
    expect(compileRoute('', 'health')('/health')).toEqual({});
    expect(compileRoute('', 'health')('/api/health')).toBeUndefined();
  });
});

describe('timer schedules', () => {
  const from = new Date('2030-01-01T00:00:00Z');

  it('when a schedule has six NCRONTAB fields, then the next occurrence honours the seconds', () => {
    expect(compileSchedule('t', '30 0 * * * *', {})(from).toISOString()).toBe(
      '2030-01-01T00:00:30.000Z',
    );
  });

  it('when a schedule is a TimeSpan, then it is an interval', () => {
    expect(compileSchedule('t', '00:05:00', {})(from).toISOString()).toBe(
      '2030-01-01T00:05:00.000Z',
    );
  });

  it('when a schedule names a setting as %NAME%, then the setting is used', () => {
    const next = compileSchedule('t', '%PURGE%', { PURGE: '0 0 * * * *' });
    expect(next(from).toISOString()).toBe('2030-01-01T01:00:00.000Z');
  });

  it.each([
    ['0 * * * *', /six fields/],
    ['%MISSING%', /MISSING is not set/],
    ['0 0 99 * * *', /is not valid/],
  ])('when a schedule is %j, then the error names the function', (schedule, message) => {
    expect(() => compileSchedule('purgeLogs', schedule, {})).toThrow(message);
    expect(() => compileSchedule('purgeLogs', schedule, {})).toThrow(/^timer 'purgeLogs'/);
  });
});
