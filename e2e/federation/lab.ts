// The federation lab: two XMPP server implementations federating over TLS on loopback, found through DNS.
//
// - Prosody 0.12 hosts `one.test` on 127.0.0.2, ejabberd 23.01 hosts `two.test` on 127.0.0.3; both run from their
//   private run directories (prosody.ts, ejabberd.ts), with s2s on a port of their own.
// - One CA for the lab ("Jabber Federation Test CA"): each server's certificate carries DNS names only (ejabberd
//   23.01 crashes on an inbound s2s stream whose certificate carries id-on-xmppAddr), is valid for TLS client and
//   server use, and each server trusts that CA alone for s2s (no system CAs, no dialback for an unverified peer).
// - dnsmasq (dns-server.ts) on 127.0.0.5:53 serves `_xmpp-server._tcp` and `_xmpp-client._tcp` SRV records and the
//   address records: Prosody asks it through libunbound's forwarder (its `unbound` option), ejabberd through its
//   own inetrc (SRV) and a resolv.conf bind-mounted in a private mount namespace (addresses: getaddrinfo), our
//   core through `dnsServerResolver`. The machine's /etc/resolv.conf and /etc/hosts are never changed.
//   Port 53 and the mount namespace need root (as `npm test` runs in CI).
// - HTTP File Upload (XEP-0363) on both: Prosody's mod_http_file_share on upload.one.test, ejabberd's mod_http_upload
//   on upload.two.test, each served over HTTPS as https://localhost:PORT/ (127.0.0.1; the certificates also name
//   localhost), so a client of the other server, and our core, reach it without the lab's DNS.
// - With `rogue: true`, a third server (Prosody, `bad.test` on 127.0.0.4) with a self-signed certificate: both
//   others must refuse to federate with it.
//
// Accounts alice, bob and carol exist on each server (alice and bob mutual contacts on their own server only).

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDnsServer, type DnsServer, type SrvEntry } from '../dns-server.ts';
import { ejabberdctlBatch, startEjabberd, type EjabberdServer } from '../server/ejabberd.ts';
import { freePorts } from '../server/process-utils.ts';
import { seedUsers, startProsody, type TestServer } from '../server/prosody.ts';
import { makeTestCa, makeTestCertificates } from '../server/test-certificates.ts';

export const PROSODY_DOMAIN = 'one.test';
export const PROSODY_ADDRESS = '127.0.0.2';
export const EJABBERD_DOMAIN = 'two.test';
export const EJABBERD_ADDRESS = '127.0.0.3';
export const ROGUE_DOMAIN = 'bad.test';
export const ROGUE_ADDRESS = '127.0.0.4';
/** Both servers' HTTP File Upload limit (Prosody's mod_http_file_share, ejabberd's mod_http_upload). */
export const UPLOAD_LIMIT = 2 * 1024 * 1024;
/** The lab's DNS server listens on port 53 there. */
export const DNS_ADDRESS = '127.0.0.5';

export interface FederationLabOptions {
  /** Also start `bad.test` with a self-signed certificate (which the other two must refuse). Default false. */
  rogue?: boolean;
  /** Keep the run directories after stop(). */
  keepDir?: boolean;
}

export interface FederationLab {
  /** PEM of the lab's CA: what clients (our core) must trust for every server of the lab. */
  caCertPem: string;
  caCertFile: string;
  /** `127.0.0.1:PORT`: the lab's DNS server, for `dnsServerResolver([lab.dnsServer])`. */
  dnsServer: string;
  /** one.test (Prosody), with a WebSocket for scripted peers. */
  prosody: TestServer;
  /** two.test (ejabberd), with a WebSocket for scripted peers. */
  ejabberd: EjabberdServer;
  /** bad.test (Prosody, self-signed), only with `rogue: true`. */
  rogue?: TestServer;
  stop(): Promise<void>;
}

/** Starts the lab (about 3 s: the servers start side by side). */
export async function startFederationLab(options: FederationLabOptions = {}): Promise<FederationLab> {
  const dir = await mkdtemp(join(tmpdir(), 'jabber-federation-'));
  const started: Array<{ stop(): Promise<void> }> = [];
  const stopAll = async (): Promise<void> => {
    await Promise.all(started.splice(0).map((s) => s.stop().catch(() => {})));
    if (options.keepDir !== true) await rm(dir, { recursive: true, force: true });
  };
  try {
    const ca = await makeTestCa(join(dir, 'ca'), 'Jabber Federation Test CA');
    const certificatesFor = async (domain: string, selfSigned = false) => {
      const made = await makeTestCertificates(join(dir, domain), {
        // localhost: each server's upload service (XEP-0363) is served over HTTPS as https://localhost:PORT/.
        domain, altNames: [`*.${domain}`, `conference.${domain}`, 'localhost'], clientAuth: true,
        ...(selfSigned ? { selfSigned: true } : { ca }),
      });
      return { caCertFile: made.caCertFile, certFile: made.certFile, keyFile: made.keyFile };
    };
    const [oneCerts, twoCerts, badCerts] = await Promise.all([
      certificatesFor(PROSODY_DOMAIN), certificatesFor(EJABBERD_DOMAIN),
      options.rogue === true ? certificatesFor(ROGUE_DOMAIN, true) : Promise.resolve(undefined),
    ]);
    // The DNS server must be known to the servers before they start, and its records name the servers' ports:
    // its port is picked first, and it is started last.
    // ejabberd needs it on port 53 (see ejabberd.ts, dnsServer): on an address of its own.
    const dnsPort = 53;
    const [oneS2s] = await freePorts(1, PROSODY_ADDRESS);
    const [twoS2s] = await freePorts(1, EJABBERD_ADDRESS);
    const [badS2s] = await freePorts(1, ROGUE_ADDRESS);
    if (oneS2s === undefined || twoS2s === undefined || badS2s === undefined) throw new Error('no free ports');
    const dnsServer = `${DNS_ADDRESS}:${dnsPort}`;
    const keepDir = options.keepDir === true;
    const s2s = (port: number) => ({ port, trustedCaFile: ca.certFile });
    const servers = await Promise.allSettled([
      startProsody({ domain: PROSODY_DOMAIN, host: PROSODY_ADDRESS, certificates: oneCerts, s2s: s2s(oneS2s), dnsServer, keepDir,
        fileShare: { maxFileSize: UPLOAD_LIMIT } }),
      startEjabberd({ domain: EJABBERD_DOMAIN, host: EJABBERD_ADDRESS, certificates: twoCerts, s2s: s2s(twoS2s), dnsServer, websocket: true, keepDir,
        httpUpload: { maxFileSize: UPLOAD_LIMIT } }),
      badCerts === undefined ? Promise.resolve(undefined)
        : startProsody({ domain: ROGUE_DOMAIN, host: ROGUE_ADDRESS, certificates: badCerts, s2s: s2s(badS2s), dnsServer, keepDir }),
    ]);
    for (const outcome of servers) if (outcome.status === 'fulfilled' && outcome.value) started.push(outcome.value);
    const failed = servers.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    const [prosody, ejabberd, rogue] = servers.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as
      [TestServer, EjabberdServer, TestServer | undefined];

    const srv: SrvEntry[] = [];
    const a: Record<string, string> = {};
    const publish = (domain: string, address: string, c2sPort: number, s2sPort: number): void => {
      for (const name of [domain, `conference.${domain}`]) {
        srv.push({ service: `_xmpp-server._tcp.${name}`, target: domain, port: s2sPort, priority: 0, weight: 0 });
        a[name] = address;
      }
      srv.push({ service: `_xmpp-client._tcp.${domain}`, target: domain, port: c2sPort, priority: 0, weight: 0 });
    };
    publish(PROSODY_DOMAIN, PROSODY_ADDRESS, prosody.c2sPort, oneS2s);
    publish(EJABBERD_DOMAIN, EJABBERD_ADDRESS, ejabberd.c2sPort, twoS2s);
    if (rogue) publish(ROGUE_DOMAIN, ROGUE_ADDRESS, rogue.c2sPort, badS2s);
    const dns: DnsServer = await startDnsServer({ srv, a, localDomains: ['test'] }, { port: dnsPort, address: DNS_ADDRESS });
    started.push(dns);

    return {
      caCertPem: ca.pem,
      caCertFile: ca.certFile,
      dnsServer: dns.address,
      prosody,
      ejabberd,
      ...(rogue ? { rogue } : {}),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

export type LabSite = 'prosody' | 'ejabberd';

/** "Prosody 0.12.3", "ejabberd 23.01": the software of a lab server, as it reported itself. */
export function siteLabel(lab: FederationLab, site: LabSite): string {
  if (site === 'ejabberd') return `ejabberd ${lab.ejabberd.version.replace(/-\d+$/u, '')}`;
  const version = /Prosody version (\S+)/u.exec(readFileSync(lab.prosody.logFile, 'utf8'))?.[1];
  return `Prosody ${version ?? '0.12'}`;
}

/** What a client needs to reach a lab server directly (host, port), and a scripted peer its WebSocket. */
export function siteServer(lab: FederationLab, site: LabSite): { host: string; c2sPort: number; caCertPem: string; domain: string; websocketUrl: string } {
  const server = site === 'prosody' ? lab.prosody : lab.ejabberd;
  if (server.websocketUrl === undefined) throw new Error(`the lab's ${site} has no WebSocket`);
  return { host: server.host, c2sPort: server.c2sPort, caCertPem: lab.caCertPem, domain: server.domain, websocketUrl: server.websocketUrl };
}

/** A new account on `site` whose roster already holds `contact` (subscription both, named `name`); not signed in. */
export async function seedAccount(lab: FederationLab, site: LabSite, contact: string, name: string,
  username = `fed-${randomUUID().slice(0, 8)}`): Promise<{ jid: string; password: string }> {
  const password = `${username}-secret`;
  if (site === 'prosody') {
    await seedUsers(lab.prosody, [{ username, password, roster: [{ jid: contact, name, groups: [], subscription: 'both' }] }]);
    return { jid: `${username}@${lab.prosody.domain}`, password };
  }
  const [contactUser, contactDomain] = contact.split('@') as [string, string];
  const results = await ejabberdctlBatch(lab.ejabberd, [
    ['register', username, lab.ejabberd.domain, password],
    ['add_rosteritem', username, lab.ejabberd.domain, contactUser, contactDomain, name, '', 'both'],
  ]);
  const failed = results.filter((r) => r.code !== 0);
  if (failed.length > 0) throw new Error(failed.map((r) => r.output).join('\n'));
  return { jid: `${username}@${lab.ejabberd.domain}`, password };
}

/**
 * Two new accounts, `me` on `mine` and `them` on `theirs`, already mutual contacts (as after a past
 * subscription: each server holds its user's side), neither signed in.
 */
export async function seedContacts(lab: FederationLab, mine: LabSite, theirs: LabSite): Promise<{ me: { jid: string; password: string }; them: { jid: string; password: string } }> {
  const themName = `c-${randomUUID().slice(0, 8)}`;
  const domain = theirs === 'prosody' ? lab.prosody.domain : lab.ejabberd.domain;
  const me = await seedAccount(lab, mine, `${themName}@${domain}`, 'Them');
  const them = await seedAccount(lab, theirs, me.jid, 'Me', themName);
  return { me, them };
}
