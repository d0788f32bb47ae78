/** The one module that touches `window.jabber`: the rest of the renderer asks here. */
import type { JabberApi } from '../app/shared/contract.ts';

declare global {
  interface Window {
    jabber?: JabberApi;
  }
}

export function hasApi(): boolean {
  return typeof window !== 'undefined' && window.jabber !== undefined;
}

export function getApi(): JabberApi {
  const api = typeof window !== 'undefined' ? window.jabber : undefined;
  if (api === undefined) throw new Error('window.jabber is not available: the renderer was loaded without its host.');
  return api;
}
