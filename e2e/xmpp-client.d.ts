// The part of @xmpp/client 0.14 that e2e/peer.ts uses. xmpp.js ships no types; this is the whole boundary,
// kept self-contained (app/core/xmpp-modules.d.ts describes @xmpp/xml etc. for the app's own program).

declare module '@xmpp/client' {
  export interface Element {
    name: string;
    attrs: Record<string, string | undefined>;
    children: Array<Element | string>;
    parent: Element | null;
    is(name: string, xmlns?: string): boolean;
    getChild(name: string, xmlns?: string): Element | undefined;
    getChildren(name: string, xmlns?: string): Element[];
    getChildElements(): Element[];
    getChildText(name: string, xmlns?: string): string | null;
    text(): string;
    append(...children: Array<Element | string>): Element;
    toString(): string;
  }

  /** @xmpp/xml's streaming parser: 'start' is the outermost element, 'element' each complete child of it. */
  export interface XmlParser {
    write(data: string): void;
    end(data?: string): void;
    on(event: 'start' | 'element' | 'end', listener: (element: Element) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
  }

  type Child = Element | string | null | undefined | false | readonly Child[];

  export interface Xml {
    (name: string, attrs?: Record<string, string | number | undefined> | null, ...children: Child[]): Element;
    Parser: new () => XmlParser;
  }
  export const xml: Xml;

  export interface Jid {
    local: string;
    domain: string;
    resource: string;
    bare(): Jid;
    toString(): string;
  }

  export interface SaslCredentials {
    username: string;
    password: string;
  }

  /** Called with the server's mechanisms; call `authenticate` with the credentials and the mechanism to use. */
  export type CredentialsHandler = (
    authenticate: (credentials: SaslCredentials, mechanism: string) => Promise<void>,
    mechanisms: string[],
  ) => Promise<void>;

  export interface ClientOptions {
    service: string;
    domain?: string;
    resource?: string;
    username?: string;
    password?: string;
    credentials?: CredentialsHandler;
    timeout?: number;
  }

  export type Status = 'offline' | 'connecting' | 'connect' | 'opening' | 'open' | 'online' | 'closing' | 'close'
    | 'disconnecting' | 'disconnect';

  export interface XmppClient {
    status: Status;
    jid: Jid | null;
    start(): Promise<Jid>;
    stop(): Promise<Element | undefined>;
    send(element: Element): Promise<void>;
    on(event: 'stanza', listener: (stanza: Element) => void): this;
    on(event: 'online', listener: (jid: Jid) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    on(event: 'offline' | 'disconnect', listener: () => void): this;
    on(event: 'status', listener: (status: Status) => void): this;
    /** Every incoming top-level element (stanzas and nonzas), before xmpp.js's own handlers see it. */
    prependListener(event: 'element', listener: (element: Element) => void): this;
    off(event: string, listener: (...args: never[]) => void): this;
    iqCaller: {
      /** Resolves with the result iq; rejects with a StanzaError for an error iq, or on timeout. */
      request(stanza: Element, timeoutMs?: number): Promise<Element>;
    };
    reconnect: { stop(): void };
  }

  export function client(options: ClientOptions): XmppClient;
}
