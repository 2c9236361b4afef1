import { PermanentError, TransientError, errorCode, isPermanent } from '../../lib/errors';

describe('errorCode', () => {
  it('when the error is ours, then its code is logged', () => {
    expect(errorCode(new PermanentError('schema-missing', 'x'))).toBe('schema-missing');
    expect(errorCode(new TransientError('graph-throttled', 'x'))).toBe('graph-throttled');
    expect(isPermanent(new TransientError('graph-throttled', 'x'))).toBe(false);
  });

  it('when a foreign error has a known code or name, then it is logged as it always was', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(errorCode(refused)).toBe('ECONNREFUSED');
    expect(errorCode(new TypeError('x'))).toBe('TypeError');
    expect(errorCode(Object.assign(new Error('x'), { code: 'decrypt-failed' }))).toBe(
      'decrypt-failed',
    );
  });

  it('when a foreign code is not in the list, then its status, else unknown, is logged', () => {
    const blob = Object.assign(new Error('x'), { code: 'BlobNotFound', statusCode: 404 });
    expect(errorCode(blob)).toBe('http-404');
    expect(errorCode(Object.assign(new Error('x'), { name: 'SomethingElse' }))).toBe('unknown');
    expect(errorCode('a string')).toBe('unknown');
    expect(errorCode(null)).toBe('unknown');
  });
});
