/**
 * Gives each Graph request the stage's signal (lib/deadline.ts), so fetch cancels a request in
 * flight once the stage or the mail is out of time, instead of letting it run on unobserved. First
 * in the chain: a request whose stage already ran out is not even given a token.
 */
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

import { currentSignal, throwIfAborted } from '../deadline';

export class SignalHandler implements Middleware {
  private next?: Middleware;

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('SignalHandler: no next middleware');
    const signal = currentSignal();
    if (signal) {
      throwIfAborted(signal);
      context.options = { ...context.options, signal };
    }
    await this.next.execute(context);
  }
}
