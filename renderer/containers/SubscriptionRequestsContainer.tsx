/** The contact requests awaiting an answer, narrowed by the contact filter. */
import { useMemo } from 'react';
import { SubscriptionRequests, type RequestEntry } from '../components/SubscriptionRequests.tsx';
import { filterRequests } from '../state/contacts-derive.ts';
import { useJabberStore } from '../state/store.ts';
import { requestCommands } from './commands.ts';

export function SubscriptionRequestsContainer() {
  const byAccount = useJabberStore((state) => state.subscriptionRequests);
  const filter = useJabberStore((state) => state.contactFilter);
  const several = useJabberStore((state) => state.accounts.length > 1);
  const canBlock = useJabberStore((state) => state.blockingSupported);
  const entries = useMemo<RequestEntry[]>(
    () => Object.entries(byAccount).flatMap(([account, requests]) => filterRequests(requests, filter).map((request) => ({ account, request }))),
    [byAccount, filter],
  );
  return <SubscriptionRequests entries={entries} several={several} canBlock={canBlock} commands={requestCommands} />;
}
