/**
 * What a feature module gives the session besides its stanza claims: the contract commands it answers
 * for its account, the contract events it emits, its part of the account snapshot, and what changes
 * when the account signs out. The session collects these from its features; the runtime and the
 * service route and forward them generically (no per-command or per-event code above the feature).
 * Everything is typed from the contract (`app/shared/contract.ts`), so a handler cannot drift from
 * its command's signature, nor an event from its payload.
 */
import type { AccountId, AccountSnapshot, AccountSummary, CommandName, EventName, JabberCommands, JabberEventPayloads, Result } from '../../shared/contract.ts';

/** The contract's commands whose one request names the account it is for: these can be a feature's. */
export type AccountCommandName = {
  [K in CommandName]: Parameters<JabberCommands[K]> extends readonly [infer Request] ? (Request extends { readonly account: AccountId } ? K : never) : never;
}[CommandName];

export type AccountCommandRequest<K extends AccountCommandName> = Parameters<JabberCommands[K]>[0];

/** What the command answers on success, as the contract declares it. */
export type AccountCommandValue<K extends AccountCommandName> = Awaited<ReturnType<JabberCommands[K]>> extends Result<infer Value> ? Value : never;

/**
 * Runs one command against the feature's live session. The request's shape was checked by the
 * transport (app/contract) and its account by the service; the handler checks what its fields mean
 * (a valid JID…) and answers a Result. A CoreError it throws becomes the answer's error.
 */
export type AccountCommandHandler<K extends AccountCommandName> = (request: AccountCommandRequest<K>) => ReturnType<JabberCommands[K]>;

/** The commands one feature answers, by their contract name. */
export type FeatureCommands = { readonly [K in AccountCommandName]?: AccountCommandHandler<K> };

/** The contract's events that belong to one account (their payload names it): the ones a feature may emit. */
export type AccountEventName = {
  [E in EventName]: JabberEventPayloads[E] extends { readonly account: AccountId } ? E : never;
}[EventName];

/** One account event as it leaves the core: the contract's name and payload, unchanged on the way out. */
export type AccountEvent = { [E in AccountEventName]: { readonly event: E; readonly payload: JabberEventPayloads[E] } }[AccountEventName];

/** How a feature emits: the contract's event name and its payload (the account included). */
export type FeatureEmitter = <E extends AccountEventName>(event: E, payload: JabberEventPayloads[E]) => void;

/** The fields of an account snapshot a feature may fill in from its state. */
export type AccountSnapshotPart = Partial<Omit<AccountSnapshot, keyof AccountSummary | 'contacts' | 'messages'>>;

/** The parts of a feature the session collects (claims and observers are the router's, see router.ts). */
export interface FeatureParts {
  readonly commands?: FeatureCommands;
  /** Its fields of the account snapshot, from its live state. */
  snapshot?(): AccountSnapshotPart;
  /** The account signs out (or the session fails): forget what the session held, and say what the UI must now show. */
  signedOut?(): readonly AccountEvent[];
}

/** Every feature's commands in one table; two features answering the same command is a wiring bug. */
export function collectCommands(features: readonly FeatureParts[]): FeatureCommands {
  const table: Partial<Record<AccountCommandName, unknown>> = {};
  for (const feature of features) {
    for (const [name, handler] of Object.entries(feature.commands ?? {})) {
      if (Object.hasOwn(table, name)) throw new Error(`Two features answer the ${name} command.`);
      table[name as AccountCommandName] = handler;
    }
  }
  return table as FeatureCommands;
}

export function collectSnapshot(features: readonly FeatureParts[]): AccountSnapshotPart {
  return Object.assign({}, ...features.map((feature) => feature.snapshot?.() ?? {})) as AccountSnapshotPart;
}

export function collectSignedOut(features: readonly FeatureParts[]): AccountEvent[] {
  return features.flatMap((feature) => feature.signedOut?.() ?? []);
}

/** Emits events collected as data (e.g. from `signedOut`) through an emitter. */
export function emitEach(emit: FeatureEmitter | undefined, events: readonly AccountEvent[]): void {
  // Each element pairs a name with its own payload; TypeScript cannot follow that pairing through the union.
  for (const { event, payload } of events) (emit as ((event: AccountEventName, payload: AccountEvent['payload']) => void) | undefined)?.(event, payload);
}
