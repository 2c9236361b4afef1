/**
 * Settings an operator may change on a tenant's record (`npm run tenant -- set`). One so far:
 * `remote-images` — whether ticket bodies may load remote https images in agents' browsers
 * ('block', the default: they become links, since a remote image tells its sender when and where
 * a ticket was opened; 'allow' for a helpdesk whose agents want newsletters and signatures shown
 * as sent). Running hosts see a change within their tenant cache's minute.
 */
import { REMOTE_IMAGES, type RemoteImages } from '../mail/htmlImages';
import { type TenantRecord, type TenantStore, findTenant } from './store';

export const SETTINGS = { 'remote-images': REMOTE_IMAGES } as const;
export type SettingName = keyof typeof SETTINGS;

export function isSetting(name: string): name is SettingName {
  return Object.hasOwn(SETTINGS, name);
}

/** The tenant's record with the setting changed; undefined when there is no such tenant. */
export async function setTenantSetting(
  tenants: TenantStore,
  nameOrDomain: string,
  setting: SettingName,
  value: string,
): Promise<TenantRecord | undefined> {
  const allowed: readonly string[] = SETTINGS[setting];
  if (!allowed.includes(value)) {
    throw new Error(`${setting} must be one of: ${allowed.join(', ')}`);
  }
  const record = await findTenant(tenants, nameOrDomain);
  if (!record) return undefined;
  const updated: TenantRecord = { ...record, remoteImages: value as RemoteImages };
  await tenants.put(updated);
  return updated;
}
