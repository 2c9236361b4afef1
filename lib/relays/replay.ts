/**
 * The Mailgun webhook tokens already taken, so a signed request captured and sent again is
 * refused. Shared by every instance (Cosmos `relayTokens`): a token kept in one instance's
 * memory would pass on the next. Cosmos settles a race: create refuses a second item with the
 * same id (409), so of two copies sent at once exactly one is taken.
 *
 * Kept: a SHA-256 of the token (Mailgun's random 50 characters, no personal data), and a ttl
 * that ends it once its signed timestamp is too old to be accepted anyway.
 */
import { createHash } from 'node:crypto';

import type { Container } from '@azure/cosmos';

import { cosmosStatus } from '../storage/cosmos';

export interface TokenStore {
  /** True when the token was not taken before (and is now); false for a replay. */
  claim(token: string, ttlSeconds: number): Promise<boolean>;
  /** Gives a token back: its mail was not accepted (503), so the relay's retry may use it. */
  release(token: string): Promise<void>;
}

const idOf = (token: string): string => createHash('sha256').update(token).digest('hex');

export class CosmosTokenStore implements TokenStore {
  constructor(private readonly container: () => Promise<Container>) {}

  async claim(token: string, ttlSeconds: number): Promise<boolean> {
    const container = await this.container();
    try {
      await container.items.create({ id: idOf(token), ttl: ttlSeconds });
      return true;
    } catch (err) {
      if (cosmosStatus(err) === 409) return false;
      throw err;
    }
  }

  async release(token: string): Promise<void> {
    const id = idOf(token);
    const container = await this.container();
    try {
      await container.item(id, id).delete();
    } catch (err) {
      if (cosmosStatus(err) !== 404) throw err;
    }
  }
}
