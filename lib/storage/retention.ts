/**
 * Retention: the service keeps logs and staged mail for at most 7 days. The purge timer deletes
 * every blob of the logs and staging containers last written before the cutoff (in staging, the
 * mailbox door's fetch claims too: lib/mailbox/claims.ts); infra/ adds a storage lifecycle rule
 * doing the same as the second line of defence.
 */
import type { ContainerClient } from '@azure/storage-blob';

import type { EventLog } from '../log';

export const RETENTION_DAYS = 7;

export interface PurgeReport {
  container: string;
  deleted: number;
  kept: number;
}

export function retentionCutoff(now: Date): Date {
  return new Date(now.getTime() - RETENTION_DAYS * 24 * 3600 * 1000);
}

export async function purgeOlderThan(
  container: ContainerClient,
  cutoff: Date,
): Promise<PurgeReport> {
  const report: PurgeReport = { container: container.containerName, deleted: 0, kept: 0 };
  if (!(await container.exists())) return report;
  for await (const blob of container.listBlobsFlat()) {
    if (blob.properties.lastModified < cutoff) {
      await container
        .deleteBlob(blob.name, { deleteSnapshots: 'include' })
        .catch((err: unknown) => {
          if ((err as { statusCode?: number }).statusCode !== 404) throw err;
        });
      report.deleted++;
    } else {
      report.kept++;
    }
  }
  return report;
}

/** The purge use case: both containers, one logged report each. */
export async function purgeExpired(
  containers: ContainerClient[],
  now: Date,
  log: EventLog,
): Promise<PurgeReport[]> {
  const cutoff = retentionCutoff(now);
  const reports: PurgeReport[] = [];
  for (const container of containers) {
    const report = await purgeOlderThan(container, cutoff);
    log.write({ event: 'retention.purged', outcome: 'ok', ...report });
    reports.push(report);
  }
  return reports;
}
