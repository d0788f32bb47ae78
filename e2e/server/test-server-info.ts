// What tests get to know about the running test server: plain, JSON-safe data (it crosses from vitest's
// globalSetup to the workers through `provide`/`inject`, and from e2e/server/cli.ts to other processes as a file).

export interface TestAccount {
  username: string;
  /** Bare JID, e.g. `alice@example.test`. */
  jid: string;
  password: string;
}

export interface TestServerInfo {
  /** `example.test` unless the server was started for another domain (the federation lab). */
  domain: string;
  /** A loopback address: 127.0.0.1 unless started on another one (the federation lab). */
  host: string;
  /** Client-to-server port; STARTTLS is required. */
  c2sPort: number;
  /** Client-to-server direct TLS port (XEP-0368), ALPN `xmpp-client`. */
  directTlsPort: number;
  /** Plain HTTP on loopback, serving only mod_websocket. */
  httpPort: number;
  /**
   * HTTP File Upload (XEP-0363), only when started with it: the upload service's JID, its HTTPS port on loopback
   * (certificate from the run's CA, valid for `localhost`) and its size limit in bytes.
   */
  upload?: { service: string; httpsPort: number; maxFileSize: number };
  /** Server-to-server port (federation lab only; test servers normally have no s2s). */
  s2sPort?: number;
  /** `ws://127.0.0.1:<httpPort>/xmpp-websocket`; Prosody treats it as secure, so PLAIN works on it. */
  websocketUrl: string;
  /** PEM of the per-run CA that signed the server certificate (CN "Jabber Test CA"). */
  caCertPem: string;
  caCertFile: string;
  /** The MUC component, `conference.example.test`. */
  mucDomain: string;
  /** The private run directory: config, data, certs, pid file and log. Removed by stop(). */
  dir: string;
  configFile: string;
  dataDir: string;
  logFile: string;
  /** Pid of the Prosody process. */
  pid: number;
  /** alice and bob are mutual contacts (subscription both, named "Bob"/"Alice"); carol is in nobody's roster. */
  accounts: { alice: TestAccount; bob: TestAccount; carol: TestAccount };
}

declare module 'vitest' {
  export interface ProvidedContext {
    testServer: TestServerInfo;
  }
}
