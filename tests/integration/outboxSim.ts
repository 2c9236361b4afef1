/**
 * What the outbox integration suites start from: the simulated contoso site provisioned, its ids
 * as the pipeline validates them, the pipeline's view of the site and a requester contact.
 */
import type { Graph } from '../../lib/sharepoint/graph';
import type { HelpdeskSite } from '../../lib/sharepoint/helpdesk';
import { type HelpdeskIds, validateHelpdesk } from '../../lib/sharepoint/provision';
import { CONTOSO, HELPDESK, type SimWorld, contoso, startSimWorld } from './sharepointSim';

export interface OutboxSimWorld {
  world: SimWorld;
  graph: Graph;
  ids: HelpdeskIds;
  site: HelpdeskSite;
  requesterId: string;
}

export async function startOutboxWorld(): Promise<OutboxSimWorld> {
  const world = await startSimWorld({ provision: true });
  const graph = world.clients.forTenant(CONTOSO);
  const ids = await validateHelpdesk(graph, HELPDESK);
  const site = await world.directory().open(contoso);
  const requesterId = (await site.ensureContact('ann@example.com', 'Ann')).id;
  return { world, graph, ids, site, requesterId };
}
