/**
 * The Graph v1.0 route table and its matcher. Paths are matched while still percent-encoded, so
 * the `:` of path addressing (`/sites/{host}:/{path}:/lists`, `/drives/{id}/root:/{path}:/content`)
 * is never confused with an encoded one; parameters are decoded afterwards. Each route's template
 * doubles as its name in the admin stats.
 */
import type { GraphContext } from './context';
import * as drives from './drives';
import { GraphError } from './errors';
import type { SimResponse } from './http';
import * as items from './items';
import * as lists from './lists';
import { MAIL_ROUTES } from './mail/routes';
import * as subscriptions from './mail/subscriptions';
import { getSite } from './sites';
import { createUploadSession } from './uploads';

export type Handler = (ctx: GraphContext) => SimResponse | Promise<SimResponse>;

interface Route {
  method: string;
  template: string;
  regex: RegExp;
  params: string[];
  handler: Handler;
}

export interface RouteMatch {
  /** `GET /sites/{site-id}/lists`: what the stats count. */
  name: string;
  handler: Handler;
  params: Record<string, string>;
}

const SITE = '/sites/{site-id}';
const LIST = `${SITE}/lists/{list-id}`;
const ITEM = `${LIST}/items/{item-id}`;

function driveItemRoutes(p: string): [string, string, Handler][] {
  return [
    ['GET', `${p}/root`, drives.getDriveItem],
    ['GET', `${p}/root:/{item-path}`, drives.getDriveItem],
    ['GET', `${p}/items/{item-id}`, drives.getDriveItem],
    ['GET', `${p}/items/{item-id}:/{item-path}`, drives.getDriveItem],
    ['GET', `${p}/root/children`, drives.getChildren],
    ['GET', `${p}/root:/{item-path}:/children`, drives.getChildren],
    ['GET', `${p}/items/{item-id}/children`, drives.getChildren],
    ['GET', `${p}/root:/{item-path}:/content`, drives.getContent],
    ['GET', `${p}/items/{item-id}/content`, drives.getContent],
    ['PUT', `${p}/root:/{item-path}:/content`, drives.putContent],
    ['PUT', `${p}/items/{item-id}:/{item-path}:/content`, drives.putContent],
    ['PUT', `${p}/items/{item-id}/content`, drives.putContent],
    ['POST', `${p}/root:/{item-path}:/createUploadSession`, createUploadSession],
    ['POST', `${p}/items/{item-id}:/{item-path}:/createUploadSession`, createUploadSession],
    ['POST', `${p}/items/{item-id}/createUploadSession`, createUploadSession],
    ['POST', `${p}/root/children`, drives.postFolder],
    ['POST', `${p}/items/{item-id}/children`, drives.postFolder],
    ['DELETE', `${p}/items/{item-id}`, drives.deleteDriveItem],
    ['DELETE', `${p}/root:/{item-path}`, drives.deleteDriveItem],
  ];
}

const TABLE: [string, string, Handler][] = [
  ['GET', SITE, getSite],
  ['GET', `${SITE}/lists`, lists.getLists],
  ['POST', `${SITE}/lists`, lists.postList],
  ['GET', LIST, lists.getList],
  ['GET', `${LIST}/columns`, lists.getColumns],
  ['POST', `${LIST}/columns`, lists.postColumn],
  ['GET', `${LIST}/columns/{column-id}`, lists.getColumn],
  ['PATCH', `${LIST}/columns/{column-id}`, lists.patchColumnRoute],
  ['GET', `${LIST}/items`, items.getItems],
  ['POST', `${LIST}/items`, items.postItem],
  ['GET', ITEM, items.getItem],
  ['PATCH', ITEM, items.patchItem],
  ['DELETE', ITEM, items.deleteItem],
  ['GET', `${ITEM}/fields`, items.getFields],
  ['PATCH', `${ITEM}/fields`, items.patchFields],
  ['GET', `${LIST}/drive`, drives.getListDrive],
  ['GET', `${SITE}/drives`, drives.getSiteDrives],
  ['GET', `${SITE}/drive`, drives.getDrive],
  ['GET', '/drives/{drive-id}', drives.getDrive],
  ...driveItemRoutes('/drives/{drive-id}'),
  ...driveItemRoutes(`${SITE}/drive`),
  ...MAIL_ROUTES,
  ['GET', '/subscriptions', subscriptions.listSubscriptions],
  ['POST', '/subscriptions', subscriptions.createSubscription],
  ['GET', '/subscriptions/{subscription-id}', subscriptions.getSubscription],
  ['PATCH', '/subscriptions/{subscription-id}', subscriptions.patchSubscription],
  ['DELETE', '/subscriptions/{subscription-id}', subscriptions.deleteSubscription],
  ['POST', '/subscriptions/{subscription-id}/reauthorize', subscriptions.reauthorizeSubscription],
];

function compile([method, template, handler]: [string, string, Handler]): Route {
  const params: string[] = [];
  const body = template
    .split(/(\{[\w-]+\})/)
    .map((part) => {
      const name = /^\{([\w-]+)\}$/.exec(part)?.[1];
      if (!name) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      params.push(name);
      // A path may hold '/', never ':' (SharePoint forbids it in names); other parameters neither.
      return name === 'item-path' ? '([^:]+)' : '([^/:]+)';
    })
    .join('');
  // `root:/a/b.txt:` (trailing colon) addresses the same item as `root:/a/b.txt`.
  const tail = template.endsWith('{item-path}') ? ':?' : '';
  return { method, template, regex: new RegExp(`^${body}${tail}$`), params, handler };
}

const ROUTES = TABLE.map(compile);

/** `/sites/{hostname}:/{server-relative-path}` optionally followed by `:/rest-of-path`. */
const SITE_BY_PATH = /^\/sites\/([^/:,]+):(\/[^:]*)(?::(\/[^]*)?)?$/;

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new GraphError(400, 'BadRequest', 'The request URI is not valid.');
  }
}

/** Resolves a path below /v1.0 (still percent-encoded) to a handler, or undefined. */
export function matchRoute(method: string, path: string): RouteMatch | undefined {
  const byPath = SITE_BY_PATH.exec(path);
  const extra: Record<string, string> = {};
  let target = path;
  if (byPath) {
    extra.hostname = decode(byPath[1] ?? '');
    extra['site-path'] = decode(byPath[2] ?? '/');
    target = `/sites/{by-path}${byPath[3] ?? ''}`;
  }
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const m = route.regex.exec(target);
    if (!m) continue;
    const params: Record<string, string> = { ...extra };
    route.params.forEach((name, i) => (params[name] = decode(m[i + 1] ?? '')));
    const name = byPath
      ? route.template.replace(
          SITE,
          `/sites/{hostname}:/{server-relative-path}${byPath[3] ? ':' : ''}`,
        )
      : route.template;
    return { name: `${method} ${name}`, handler: route.handler, params };
  }
  return undefined;
}
