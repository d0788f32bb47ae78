/**
 * Puts the bounded stream parser (stream-parser.ts) on an xmpp.js entity, for every stream it opens, and
 * decides what a violation does: the stream fails with the violation as its error (so sign-in and the
 * session say why), the server is told with a stream error where one applies, and the socket is closed.
 * After an injection behind `<proceed/>` nothing more is written in the clear. A redirect (see-other-host) is
 * never followed.
 */
import type { Client } from '@xmpp/client-core';
import type { CoreError } from '../errors.ts';
import { NS } from '../xml/namespaces.ts';
import { StreamParser, violationCondition } from './stream-parser.ts';
import { DEFAULT_STREAM_LIMITS, type StreamLimits } from './stream-scanner.ts';

interface GuardedEntity {
  _onSeeOtherHost(error: unknown): Promise<void>;
  parser: StreamParser | null;
  Parser: unknown;
  _onData(data: Buffer): void;
  write(data: string): Promise<void>;
  emit(event: 'error', error: unknown): boolean;
  socket: { destroy?: () => void } | null;
}

/**
 * Call before connecting (xmpp.js binds the data handler at the first socket). Returns the parser class, to be
 * put back after connect(), which installs the transport's own.
 */
export function guardStreamParsing(entity: Client, limits: StreamLimits = DEFAULT_STREAM_LIMITS): unknown {
  const guarded = entity as unknown as GuardedEntity;
  let violated = false;
  const onViolation = (error: CoreError): void => {
    if (violated) return;
    violated = true;
    guarded.emit('error', error);
    const socket = guarded.socket;
    const condition = violationCondition(error);
    if (condition === null) {
      socket?.destroy?.();
      return;
    }
    const goodbye = `<stream:error><${condition} xmlns='${NS.streamErrors}'/></stream:error></stream:stream>`;
    void guarded.write(goodbye).catch(() => {}).finally(() => socket?.destroy?.());
  };
  const Guarded = class extends StreamParser {
    constructor() {
      super(limits, onViolation);
    }
  };
  guarded.Parser = Guarded;
  // xmpp.js follows a see-other-host stream error by itself, to any host and port the server names, outside our
  // TLS and trust checks (today it fails first, on the `service` option we do not set): the stream just ends with
  // that error instead (the user's settings say where to connect).
  guarded._onSeeOtherHost = async (): Promise<void> => {};
  // xmpp.js decodes each chunk on its own (splitting characters at segment boundaries) and throws when data
  // arrives with no stream open; ours hands the bytes over whole and drops what no stream is there to read.
  guarded._onData = (data: Buffer): void => {
    guarded.parser?.write(data);
  };
  return Guarded;
}
