// Just the parts of xmpp.js 0.14 (and the SASL factory it uses) that the core touches, typed strictly.
// xmpp.js ships no types; @types/xmpp__* describe a different surface than 0.14's runtime.

declare module '@xmpp/xml' {
  export class Element {
    constructor(name: string, attrs?: Record<string, string | undefined>);
    name: string;
    attrs: Record<string, string | undefined>;
    children: Array<Element | string>;
    parent: Element | null;
    is(name: string, xmlns?: string): boolean;
    getNS(): string | undefined;
    getAttr(name: string): string | undefined;
    getChild(name: string, xmlns?: string): Element | undefined;
    getChildren(name: string, xmlns?: string): Element[];
    getChildElements(): Element[];
    getChildText(name: string, xmlns?: string): string | null;
    getText(): string;
    text(): string;
    append(...children: Array<Element | string>): Element;
    toString(): string;
  }
  export class Parser {
    write(data: string): void;
    on(event: 'element' | 'start' | 'end', listener: (element: Element) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
  }
  type Child = Element | string | null | undefined | false | readonly Child[];
  export function xml(name: string, attrs?: Record<string, string | number | undefined> | null, ...children: Child[]): Element;
  export default xml;
}

declare module '@xmpp/client-core' {
  import type { Element } from '@xmpp/xml';
  import type { EventEmitter } from 'node:events';

  export interface XmppSocket extends EventEmitter {
    secure: boolean;
    write(data: string, callback: (error?: Error | null) => void): void;
    end(): void;
  }

  export interface ClientOptions {
    domain: string;
    lang?: string;
    timeout?: number;
  }

  export type Status = 'offline' | 'connecting' | 'connect' | 'opening' | 'open' | 'online' | 'closing' | 'close' | 'disconnecting' | 'disconnect';

  export class Client extends EventEmitter {
    constructor(options: ClientOptions);
    options: ClientOptions;
    timeout: number;
    status: Status;
    transports: unknown[];
    socket: XmppSocket | null;
    jid: { toString(): string } | null;
    isSecure(): boolean;
    connect(service: string): Promise<void>;
    open(options: { domain: string; lang?: string }): Promise<Element>;
    restart(): Promise<Element>;
    send(element: Element): Promise<void>;
    write(data: string): Promise<void>;
    stop(): Promise<Element | undefined>;
    disconnect(): Promise<Element | undefined>;
    /** The transport class chosen by connect(); set by hand when we open the socket ourselves (proxies). */
    Transport: unknown;
    Socket: unknown;
    Parser: unknown;
    _status(status: Status, ...args: unknown[]): void;
    /** Internal in xmpp.js but the documented way STARTTLS swaps the socket. */
    _attachSocket(socket: XmppSocket): void;
    _detachSocket(): void;
    _jid(jid: string): unknown;
    _ready(resumed?: boolean): void;
  }
}

declare module '@xmpp/tcp' {
  import type { Client } from '@xmpp/client-core';
  export default function tcp(deps: { entity: Client }): void;
}

declare module 'saslmechanisms' {
  export interface SaslCredentials {
    username: string;
    password: string;
    authzid?: string;
  }
  export interface SaslMechanism {
    readonly name: string;
    readonly clientFirst: boolean;
    response(credentials: SaslCredentials): string | Promise<string>;
    challenge(challenge: string): unknown;
  }
  export type SaslMechanismClass = new () => SaslMechanism;
  export default class SASLFactory {
    _mechs: Array<{ name: string; mech: SaslMechanismClass }>;
    use(mech: SaslMechanismClass): this;
    use(name: string, mech: SaslMechanismClass): this;
    create(names: readonly string[]): SaslMechanism | null;
  }
}

declare module '@xmpp/sasl-plain' {
  import type SASLFactory from 'saslmechanisms';
  export default function saslPlain(factory: SASLFactory): void;
}
