/**
 * The worker side: creates the whole core from the worker's data and serves it over the port —
 * commands through the contract's dispatcher, events batched per event-loop turn, saved passwords
 * asked of the host when it holds them (Electron's keychain lives in main).
 */
import { phrase } from '../shared/phrase.ts';
import type { MessagePort } from 'node:worker_threads';
import { createCommandDispatcher } from '../contract/dispatcher.ts';
import { createJabberService, type JabberService } from '../core/service.ts';
import { prepareTrust } from '../core/stream/tls-trust.ts';
import type { EventEnvelope } from '../shared/contract.ts';
import { fail } from '../shared/result.ts';
import { createMemorySecretStore, type SecretStore } from '../store/secret-store.ts';
import { openProfileStores } from './profile-stores.ts';
import type { CoreWorkerData, HostToWorker, SecretOperation, WorkerToHost } from './protocol.ts';

type Port = Pick<MessagePort, 'postMessage' | 'on' | 'close'>;

/** A SecretStore whose every call is a question to the host. */
function hostSecretStore(post: (message: WorkerToHost) => void): { store: SecretStore; answer: (id: number, value?: string, error?: string) => void } {
  let nextId = 1;
  const waiting = new Map<number, { resolve: (value: string | undefined) => void; reject: (error: Error) => void }>();
  const ask = (operation: SecretOperation): Promise<string | undefined> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      post({ kind: 'secret', id, ...operation });
    });
  return {
    store: {
      get: (account) => ask({ op: 'get', account }),
      set: async (account, secret) => void (await ask({ op: 'set', account, secret })),
      delete: async (account) => void (await ask({ op: 'delete', account })),
    },
    answer(id, value, error) {
      const pending = waiting.get(id);
      waiting.delete(id);
      if (error !== undefined) pending?.reject(new Error(error));
      else pending?.resolve(value);
    },
  };
}

export function serveCore(port: Port, data: CoreWorkerData): void {
  const post = (message: WorkerToHost): void => port.postMessage(message);
  const secrets = data.hostSecrets ? hostSecretStore(post) : null;
  // Listening before the service exists: calls that arrive meanwhile wait for it, none is lost.
  let service: Promise<JabberService> | null = null;
  port.on('message', (message: HostToWorker) => {
    if (message.kind === 'secret-answer') secrets?.answer(message.id, message.value, message.error);
    else if (message.kind === 'call') {
      void service?.then(async (ready) => {
        const result = await dispatchTo(ready)(message.command, message.args);
        try {
          post({ kind: 'result', id: message.id, result });
        } catch (error) {
          // A result that cannot cross to the host is a bug here; the caller still gets an answer.
          post({ kind: 'result', id: message.id, result: fail('internal', phrase('The {{command}} result could not be sent to the window ({{problem}}).', { command: message.command, problem: error instanceof Error ? error.message : String(error) })) });
        }
      });
    } else {
      void service?.then(async (ready) => {
        await ready.dispose().catch(() => undefined);
        post({ kind: 'disposed' });
        port.close();
      });
    }
  });

  const dispatchers = new WeakMap<JabberService, ReturnType<typeof createCommandDispatcher>>();
  function dispatchTo(ready: JabberService): ReturnType<typeof createCommandDispatcher> {
    let dispatch = dispatchers.get(ready);
    if (dispatch === undefined) {
      dispatch = createCommandDispatcher(ready);
      dispatchers.set(ready, dispatch);
    }
    return dispatch;
  }

  service = (async () => {
    const stores = data.profile === null ? {} : await openProfileStores(data.profile);
    const created = createJabberService(data.options, { ...stores, secretStore: secrets?.store ?? createMemorySecretStore() });
    let batch: EventEnvelope[] = [];
    created.subscribe((envelope) => {
      batch.push(envelope);
      if (batch.length === 1) {
        setImmediate(() => {
          const envelopes = batch;
          batch = [];
          post({ kind: 'events', envelopes });
        });
      }
    });
    // The TLS context (system CAs parsed) is made now, before the first sign-in needs it.
    setTimeout(() => prepareTrust(data.options.trustedCertificates ?? []), 0);
    const accounts = await created.listAccounts();
    post({ kind: 'ready', accounts: accounts.ok ? accounts.value.map((summary) => summary.account) : [] });
    return created;
  })();
  service.catch((error: unknown) => {
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    port.close();
  });
}
