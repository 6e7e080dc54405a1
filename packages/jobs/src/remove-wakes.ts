import { campaignWakeJobId } from './catalog.ts';
import type { Queues } from './queues.ts';

const SCAN_COUNT = 1_000;

/**
 * Removes every wake of one campaign still waiting in Redis: delayed, or released and not yet taken.
 * Called once a campaign has stopped (completed, cancelled, paused), so Bull Board shows only live
 * work. A campaign can have several: each wake's id carries its time (campaignWakeJobId), and a
 * wake that an earlier one overtook (a retry that fell due before the outcome deadline) stays
 * queued. Job ids start with the campaign's id, so the delayed set is scanned with that pattern in
 * Redis itself (no job is read) and the matches are removed one by one; a job a worker has taken
 * meanwhile is locked and left alone (it finds the campaign stopped and does nothing).
 * Returns how many jobs were removed.
 */
export async function removeCampaignWakes(queues: Queues, campaignId: string): Promise<number> {
  const prefix = campaignWakeJobId(campaignId, 0).slice(0, -1);
  const ids = new Set<string>();
  const { keys } = queues.campaignWake;
  let cursor = '0';
  do {
    const [next, entries] = await queues.connection.zscan(keys.delayed!, cursor, 'MATCH', `${prefix}*`, 'COUNT', SCAN_COUNT);
    // ZSCAN replies member, score, member, score...
    for (let i = 0; i < entries.length; i += 2) ids.add(entries[i]!);
    cursor = next;
  } while (cursor !== '0');
  // Released jobs wait in a list that healthy workers keep short: read it in pages.
  for (let start = 0; ; start += SCAN_COUNT) {
    const page = await queues.connection.lrange(keys.wait!, start, start + SCAN_COUNT - 1);
    for (const id of page) if (id.startsWith(prefix)) ids.add(id);
    if (page.length < SCAN_COUNT) break;
  }
  let removed = 0;
  for (const id of ids) removed += (await queues.campaignWake.remove(id)) === 1 ? 1 : 0;
  return removed;
}
