/** A scripted Graph port: records every call and answers from a queue of handlers. */
import type { Graph, GraphCall } from '../../../lib/sharepoint/graph';

export interface RecordedCall {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DOWNLOAD';
  path: string;
  call: GraphCall;
  body?: object;
}

type Answer = (req: RecordedCall) => unknown;

export class FakeGraph implements Graph {
  readonly calls: RecordedCall[] = [];
  private readonly answers: Answer[] = [];

  /** Queues the answer to the next request: a value, or a function that returns or throws. */
  answer(answer: Answer | object): this {
    this.answers.push(typeof answer === 'function' ? (answer as Answer) : () => answer);
    return this;
  }

  private async handle<T>(req: RecordedCall): Promise<T> {
    this.calls.push(req);
    const next = this.answers.shift();
    if (!next) throw new Error(`FakeGraph: no answer for ${req.method} ${req.path}`);
    return next(req) as T;
  }

  get<T>(path: string, call: GraphCall): Promise<T> {
    return this.handle({ method: 'GET', path, call });
  }

  post<T>(path: string, body: object, call: GraphCall): Promise<T> {
    return this.handle({ method: 'POST', path, call, body });
  }

  patch<T>(path: string, body: object, call: GraphCall): Promise<T> {
    return this.handle({ method: 'PATCH', path, call, body });
  }

  put<T>(path: string, body: Buffer, call: GraphCall): Promise<T> {
    return this.handle({ method: 'PUT', path, call, body });
  }

  /** Answered like the others: a Buffer, or 'too-large'. */
  download(path: string, maxBytes: number, call: GraphCall): Promise<Buffer | 'too-large'> {
    return this.handle({ method: 'DOWNLOAD', path, call, body: { maxBytes } });
  }
}

/** What the SDK throws for an HTTP error: a GraphError-shaped object. */
export function sdkError(statusCode: number, code: string, message = 'server said no'): Error {
  return Object.assign(new Error(message), {
    name: 'GraphError',
    statusCode,
    code,
    requestId: '8d1c2b3a-0000-4000-8000-000000000001',
    body: JSON.stringify({ code, message }),
  });
}
