/**
 * What the tray shows about presence, and what its status menu does: it follows the service's events
 * (accounts, connection states, own presence, invisibility) and acts on every signed-in account.
 */
import type { JabberService } from '../app/core/service-types.ts';
import type { AccountId, AccountSummary, ConnectionState, EventEnvelope, Presence } from '../app/shared/contract.ts';
import type { ChoosableStatus, TrayState } from './tray.ts';
import type { TrayStatus } from './tray-icons.ts';

interface AccountView {
  readonly connection: ConnectionState;
  readonly presence: Presence;
  readonly invisible: boolean;
  readonly invisibleSupported: boolean;
}

/** The status of the first signed-in account (the one the top bar shows first), Invisible when it is. */
export function trayPresenceOf(accounts: readonly AccountView[]): Pick<TrayState, 'status' | 'signedIn' | 'invisibleSupported'> {
  const signedIn = accounts.filter((account) => account.connection.status === 'connected');
  const first = signedIn[0];
  let status: TrayStatus = 'offline';
  if (first !== undefined) {
    const show = first.presence.show;
    status = first.invisible ? 'invisible' : show === 'xa' ? 'away' : show === 'offline' ? 'online' : show;
  }
  return { status, signedIn: first !== undefined, invisibleSupported: signedIn.some((account) => account.invisibleSupported) };
}

type PresenceService = Pick<JabberService, 'subscribe' | 'listAccounts' | 'getInvisibility' | 'setPresence' | 'setInvisible' | 'signOut'>;

export function followTrayPresence(service: PresenceService, onChange: (presence: Pick<TrayState, 'status' | 'signedIn' | 'invisibleSupported'>) => void) {
  const accounts = new Map<AccountId, AccountView>();
  const publish = (): void => onChange(trayPresenceOf([...accounts.values()]));
  const update = (account: AccountId, change: Partial<AccountView>): void => {
    const known = accounts.get(account);
    if (known === undefined) return;
    accounts.set(account, { ...known, ...change });
  };
  const adopt = (summaries: readonly AccountSummary[]): void => {
    const previous = new Map(accounts);
    accounts.clear();
    for (const summary of summaries) {
      const known = previous.get(summary.account);
      accounts.set(summary.account, {
        connection: summary.connection,
        presence: summary.ownPresence,
        invisible: known?.invisible ?? false,
        invisibleSupported: known?.invisibleSupported ?? false,
      });
    }
  };

  const unsubscribe = service.subscribe((envelope: EventEnvelope) => {
    switch (envelope.event) {
      case 'onAccounts':
        adopt(envelope.payload as readonly AccountSummary[]);
        break;
      case 'onConnectionState': {
        const { account, connection } = envelope.payload as { account: AccountId; connection: ConnectionState };
        update(account, { connection });
        break;
      }
      case 'onOwnPresence': {
        const { account, presence } = envelope.payload as { account: AccountId; presence: Presence };
        update(account, { presence });
        break;
      }
      case 'onInvisibility': {
        const { account, supported, invisible } = envelope.payload as { account: AccountId; supported: boolean; invisible: boolean };
        update(account, { invisible, invisibleSupported: supported });
        break;
      }
      default:
        return;
    }
    publish();
  });

  void (async () => {
    const listed = await service.listAccounts();
    if (listed.ok) adopt(listed.value);
    const invisibility = await service.getInvisibility();
    if (invisibility.ok) for (const state of invisibility.value) update(state.account, { invisible: state.invisible, invisibleSupported: state.supported });
    publish();
  })();

  const signedIn = (): AccountId[] => [...accounts.entries()].filter(([, view]) => view.connection.status === 'connected').map(([account]) => account);

  return {
    /** The tray's status menu: every signed-in account takes the status. */
    async setStatus(status: ChoosableStatus): Promise<void> {
      await Promise.all(
        signedIn().map(async (account) => {
          const view = accounts.get(account);
          if (status === 'invisible') {
            if (view?.invisibleSupported === true) await service.setInvisible({ account, invisible: true });
            return;
          }
          if (view?.invisible === true) await service.setInvisible({ account, invisible: false });
          await service.setPresence({ account, show: status, status: view?.presence.status ?? '' });
        }),
      );
    },
    async signOutAll(): Promise<void> {
      await Promise.all(signedIn().map((account) => service.signOut({ account })));
    },
    dispose: unsubscribe,
  };
}
