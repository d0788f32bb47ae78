/** One presence per contact from the presences of its resources. */
import type { Presence, PresenceShow, ResourcePresence } from '../../../shared/contract.ts';

/** Lower is "more available". Used to break ties between resources of equal priority. */
const AVAILABILITY_RANK: Record<PresenceShow, number> = { online: 0, away: 1, xa: 2, dnd: 3, offline: 4 };

export const OFFLINE: Presence = { show: 'offline', status: '' };

/**
 * The resource a message would reach wins (RFC 6121 §8.5.2.1.1: the highest priority), then the most
 * available, then the one seen last (the list is kept in arrival order).
 */
export function aggregatePresence(resources: Iterable<ResourcePresence>): Presence {
  let best: ResourcePresence | null = null;
  for (const candidate of resources) {
    if (candidate.show === 'offline') continue;
    if (
      best === null ||
      candidate.priority > best.priority ||
      (candidate.priority === best.priority && AVAILABILITY_RANK[candidate.show] <= AVAILABILITY_RANK[best.show])
    ) {
      best = candidate;
    }
  }
  if (best === null) return OFFLINE;
  return { show: best.show, status: best.status, ...(best.idleSince !== undefined ? { idleSince: best.idleSince } : {}) };
}
