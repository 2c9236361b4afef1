/**
 * Disabled functions, as Azure Functions has them: the app setting
 * `AzureWebJobs.<FUNCTION_NAME>.Disabled` set to `true` (or `1`) makes the host ignore the
 * function's trigger (a timer is not armed, a queue not polled, an HTTP route answers 404), so an
 * operator pauses one function without a new deployment. A disabled function still runs for a
 * request that carries the master key (the admin API, or an HTTP function's own URL); any other
 * key gets 404, as if the function did not exist.
 */
import type { IncomingMessage } from 'node:http';

import { givenKey, keyMatches } from './keys';

export const disabledSetting = (name: string): string => `AzureWebJobs.${name}.Disabled`;

export function isDisabled(settings: Record<string, string>, name: string): boolean {
  const value = settings[disabledSetting(name)]?.trim().toLowerCase();
  return value === 'true' || value === '1';
}

/**
 * Whether the request carries the host's master key (`LOCAL_MASTER_KEY`; Azure's `_master`).
 * Without that setting there is no master key, and nothing carries it.
 */
export function carriesMasterKey(
  settings: Record<string, string>,
  req: IncomingMessage,
  url: URL,
): boolean {
  const master = settings.LOCAL_MASTER_KEY?.trim() ?? '';
  return master !== '' && keyMatches(givenKey(req, url), master);
}
