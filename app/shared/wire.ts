/** Messages of the WebSocket transport (browser mode); Electron IPC carries the same payloads natively. */
import type { CommandName, EventEnvelope, Result } from './contract.ts';

export interface CallMessage {
  readonly type: 'call';
  readonly id: number;
  readonly method: CommandName;
  readonly args: readonly unknown[];
}

export interface ResultMessage {
  readonly type: 'result';
  readonly id: number;
  readonly result: Result<unknown>;
}

export interface EventMessage extends EventEnvelope {
  readonly type: 'event';
}

/** Events of one turn of the host's event loop, in order, in one frame (a presence flood is thousands). */
export interface EventsMessage {
  readonly type: 'events';
  readonly events: readonly EventEnvelope[];
}

export type ServerMessage = ResultMessage | EventMessage | EventsMessage;

/** Commands take at most one argument; anything larger than this is not a legitimate call. */
export const MAX_WIRE_MESSAGE_BYTES = 1024 * 1024;
export const WEBSOCKET_PATH = '/ws';
