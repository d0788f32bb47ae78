/**
 * The preload: exposes `window.jabber` (the contract's `JabberApi`, built by app/shared/client.ts
 * from COMMAND_NAMES and EVENT_NAMES) and nothing else crosses into the page: no ipcRenderer, no
 * IPC event object, no channel names (Electron security checklist #20).
 *
 * It runs sandboxed, so it must be CommonJS and may require only 'electron'; the build bundles
 * the contract and the client factory in (dist/main/preload.cjs).
 */
import type * as Electron from 'electron';
import type { IpcRendererEvent } from 'electron';
import type * as Client from '../../app/shared/client.ts';
import type * as Contract from '../../app/shared/contract.ts';
import type { Result } from '../../app/shared/contract.ts';

// CommonJS requires: this file is CommonJS, where TypeScript (verbatimModuleSyntax) allows no ESM
// value imports. esbuild bundles the shared modules in, so at run time the preload requires only 'electron'.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a sandboxed preload cannot be an ES module
const { contextBridge, ipcRenderer }: typeof Electron = require('electron');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- as above; bundled, not required at run time
const { EVENT_CHANNEL, commandChannel }: typeof Contract = require('../../app/shared/contract.ts');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- as above; bundled, not required at run time
const { createJabberClient }: typeof Client = require('../../app/shared/client.ts');

const api = createJabberClient({
  // The main process answers each command's channel with that command's Result (main/ipc.ts); an IPC
  // failure (no handler yet, an argument that cannot be cloned) rejects, and the client answers `transport`.
  invoke: (command, args) => ipcRenderer.invoke(commandChannel(command), ...args) as Promise<Result<unknown>>,
  // One ipcRenderer listener for all events; only the envelope goes on, never the IPC event object.
  listen: (deliver) => {
    ipcRenderer.on(EVENT_CHANNEL, (_event: IpcRendererEvent, envelope: unknown) => deliver(envelope));
  },
  lostMessage: 'The window lost its connection to the Jabber Desk core. Restart Jabber Desk.',
});

contextBridge.exposeInMainWorld('jabber', api);
