// A private, throw-away ejabberd (Debian's 23.01 package) for integration and e2e tests: the server for
// direct TLS, SCRAM-*-PLUS on TLS 1.3 and X-OAUTH2 sign-in (issue 3).
//
// Each startEjabberd() gets its own run directory (ejabberd.yml, ejabberdctl.cfg, inetrc, Erlang cookie,
// Mnesia spool, logs, certificates), its own CA and server certificate, its own Erlang node name and free
// loopback ports, and the accounts alice, bob and carol. Nothing listens beyond 127.0.0.1, there is no s2s,
// and the system ejabberd (/etc/ejabberd, /var/lib/ejabberd, the systemd service) is never touched.
//
// ejabberd runs in the foreground through the package's own script, `ejabberdctl --config-dir DIR ...
// foreground`, in a process group of its own, so stop() can end it for certain. Erlang distribution (which
// ejabberdctl needs to talk to the node) is confined too: the node listens on a free loopback port given as
// ERL_DIST_PORT, so no epmd is started or used, and the cookie is a random one in DIR/.erlang.cookie ($HOME).
// As root, ejabberd and ejabberdctl run as the `ejabberd` user (ejabberdctl would otherwise `su` to it, which
// resets $HOME and so the cookie), and the run directory is chowned to that user.

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, chmod, constants, copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { connect as connectTcp } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { connect as connectTls } from 'node:tls';
import { makeTestCertificates } from './test-certificates.ts';
import type { TestAccount } from './test-server-info.ts';
import { chownTree, freePorts, hasExited, readText, sleep } from './process-utils.ts';

export type { TestAccount } from './test-server-info.ts';

export interface StartEjabberdOptions {
  /** Run directory to use; it must not exist or be empty, and is removed by stop(). Default: a new mkdtemp. */
  dir?: string;
  /** Keep the run directory after stop() (for post-mortems). */
  keepDir?: boolean;
  /** How long to wait for ejabberd to answer on its ports. Default 30 s (it usually takes about 2 s). */
  startTimeoutMs?: number;
  /** Highest TLS version on both c2s ports. Default 'TLSv1.3' (ejabberd offers TLS 1.2 and 1.3). */
  tlsMaxVersion?: 'TLSv1.2' | 'TLSv1.3';
  /**
   * How ejabberd stores passwords (`auth_password_format`). 'plain' (the default) lets it offer every SCRAM
   * variant: SCRAM-SHA-1, -256 and -512, each also as -PLUS, plus PLAIN and X-OAUTH2. 'scram' stores only
   * salted hashes for `scramHash`, and then offers just that one SCRAM variant (and its -PLUS), PLAIN and X-OAUTH2.
   */
  passwordFormat?: 'plain' | 'scram';
  /** `auth_scram_hash`, used with passwordFormat 'scram'. Default 'sha' (SCRAM-SHA-1). */
  scramHash?: 'sha' | 'sha256' | 'sha512';
  /**
   * Also serve `ws://127.0.0.1:<httpPort>/xmpp-websocket` (plain HTTP on loopback, nothing else on it), so
   * e2e/peer.ts's startPeer() can sign scripted peers in. Default false: no HTTP listener at all.
   */
  websocket?: boolean;
  /**
   * HTTP File Upload (XEP-0363) by mod_http_upload on `upload.<domain>`, its PUT/GET served over HTTPS on a
   * loopback port of its own as `https://localhost:PORT/upload` (the run's CA: the certificate also names
   * `localhost`). `maxFileSize` defaults to 1 MiB. Default: off.
   */
  httpUpload?: { maxFileSize?: number };
  /** ejabberd's log level. Default 'info'; 'debug' logs every stanza. */
  logLevel?: 'info' | 'debug';
  /** The domain it hosts. Default `example.test` (EJABBERD_DOMAIN); MUC `conference.<domain>`. */
  domain?: string;
  /** The loopback address the XMPP listeners bind to. Default 127.0.0.1 (Erlang distribution stays there). */
  host?: string;
  /**
   * A server certificate and its CA made by the caller (one CA for a federation lab, test-certificates.ts),
   * instead of a new per-run CA. The files are copied into the run directory.
   */
  certificates?: { caCertFile: string; certFile: string; keyFile: string };
  /**
   * Server-to-server on `port` (on `host`): STARTTLS required both ways, peers authenticated by certificate
   * only (SASL EXTERNAL; no dialback module), verified against `trustedCaFile`. Default: no s2s at all.
   * Generate certificates with DNS names only: ejabberd 23.01 crashes on an inbound s2s stream whose peer
   * certificate carries an id-on-xmppAddr name.
   */
  s2s?: { port: number; trustedCaFile: string };
  /**
   * The DNS server ejabberd asks for s2s, `IP:53`. ejabberd 23.01 (p1_xmpp 1.6.1) looks SRV records up with
   * Erlang's own resolver, which the run's inetrc points at this server, but the addresses of their targets with
   * the C library's getaddrinfo(), which reads /etc/resolv.conf (no port there: hence port 53). So ejabberd then
   * runs in a private mount namespace (`unshare --mount`) in which the run directory's own resolv.conf is
   * bind-mounted over /etc/resolv.conf; the machine's file is never touched. Needs root. Default: the system's.
   */
  dnsServer?: string;
}

/** What tests get to know about the server: plain, JSON-safe data (ejabberd-cli.ts writes it to a file). */
export interface EjabberdServerInfo {
  software: 'ejabberd';
  /** As ejabberd reports it, e.g. "23.01-1". */
  version: string;
  /** `example.test` unless started for another domain (the federation lab). */
  domain: string;
  /** 127.0.0.1 unless started on another loopback address (the federation lab). */
  host: string;
  /** Server-to-server port (only with the `s2s` option). */
  s2sPort?: number;
  /** Only with `dnsServer`: the resolv.conf bind-mounted over /etc/resolv.conf in ejabberd's mount namespace. */
  resolvConf?: string;
  /** Client-to-server port; STARTTLS is required. */
  c2sPort: number;
  /** Only with `httpUpload`: the upload service, its HTTPS port (as `localhost`) and its size limit. */
  upload?: { service: string; httpsPort: number; maxFileSize: number };
  /** Client-to-server direct TLS port (XEP-0368). ejabberd 23.01 ignores ALPN (it selects no protocol). */
  directTlsPort: number;
  /** Only with `websocket: true`: the plain HTTP port and `ws://127.0.0.1:<httpPort>/xmpp-websocket`. */
  httpPort?: number;
  websocketUrl?: string;
  /** PEM of the per-run CA that signed the server certificate (CN "Jabber Test CA"). */
  caCertPem: string;
  caCertFile: string;
  /** The MUC service, `conference.example.test` (PubSub is `pubsub.example.test`). */
  mucDomain: string;
  /** Highest TLS version offered, and the password storage (which decides the SCRAM variants offered). */
  tlsMaxVersion: 'TLSv1.2' | 'TLSv1.3';
  passwordFormat: 'plain' | 'scram';
  scramHash: 'sha' | 'sha256' | 'sha512';
  /** The private run directory: everything below. Removed by stop(). */
  dir: string;
  configFile: string;
  ctlConfigFile: string;
  /** Mnesia database directory. */
  spoolDir: string;
  logDir: string;
  /** ejabberd's main log (`error.log` and `crash.log` are next to it). */
  logFile: string;
  /** Erlang node name, `ejabberd-test-<random>@localhost`, and its distribution port (loopback, no epmd). */
  node: string;
  distPort: number;
  /** The ejabberdctl script this server is run and administered with. */
  ejabberdctl: string;
  /** Process group of the server (ejabberdctl and the Erlang VM under it). Changes on restart(). */
  pid: number;
  /** alice and bob are mutual contacts (subscription both, named "Bob"/"Alice"); carol is in nobody's roster. */
  accounts: { alice: TestAccount; bob: TestAccount; carol: TestAccount };
}

export interface OAuthTokenOptions {
  /** Lifetime in seconds. Default 3600. */
  ttlSeconds?: number;
  /** Scopes. Default ['sasl_auth'], the scope ejabberd's X-OAUTH2 requires. */
  scopes?: string[];
}

export interface EjabberdServer extends EjabberdServerInfo {
  /** A token for X-OAUTH2 sign-in as `user` ("alice" or "alice@example.test"), from `ejabberdctl oauth_issue_token`. */
  issueOAuthToken(user: string, options?: OAuthTokenOptions): Promise<string>;
  /** Runs an ejabberdctl command against this server (e.g. ['connected_users']); resolves with its output. */
  ctl(args: string[]): Promise<string>;
  /** Creates an account (`ejabberdctl register`). */
  createAccount(username: string, password: string): Promise<void>;
  /** Makes `a` and `b` mutual contacts (`ejabberdctl add_rosteritem`, both ways; pushes to signed-in clients). */
  makeMutualContacts(a: string, b: string, names?: { a?: string; b?: string }): Promise<void>;
  /** Stops ejabberd cleanly and starts it again on the same ports, with the same data (accounts, tokens, offline messages). */
  restart(): Promise<void>;
  /** Stops ejabberd (SIGTERM, then SIGKILL to its process group), waits for every process of it to exit, removes the run directory. Idempotent. */
  stop(): Promise<void>;
}

export const EJABBERD_DOMAIN = 'example.test';
export const EJABBERD_HOST = '127.0.0.1';
export const EJABBERD_MUC_DOMAIN = `conference.${EJABBERD_DOMAIN}`;

/** The same fixed passwords as the Prosody harness: loopback-only, short-lived, typed by humans using the CLI. */
const ACCOUNTS = {
  alice: 'alice-secret-1',
  bob: 'bob-secret-1',
  carol: 'carol-secret-1',
} as const;

const INSTALL_COMMAND = 'apt-get install -y ejabberd erlang-p1-oauth2';
const NOT_INSTALLED = `ejabberd is not installed: run \`${INSTALL_COMMAND}\` (as root on Debian/Ubuntu)`;
const NO_OAUTH = 'ejabberd is installed but its OAuth library is not (Debian\'s ejabberd only suggests it, and '
  + `without it oauth_issue_token fails): run \`apt-get install -y erlang-p1-oauth2\` (as root on Debian/Ubuntu)`;

// ---------------------------------------------------------------------------------------------------------
// Public API

export async function startEjabberd(options: StartEjabberdOptions = {}): Promise<EjabberdServer> {
  const install = await findEjabberd();
  const dir = await makeRunDir(options.dir);
  const started = Date.now();
  let proc: NodeProcess | undefined;
  // Until stop() takes over: if the test process exits while ejabberd starts, do not leave it behind.
  const onExit = (): void => { if (proc) killGroup(proc, 'SIGKILL'); };
  process.on('exit', onExit);
  try {
    const paths = runPaths(dir);
    const domain = options.domain ?? EJABBERD_DOMAIN;
    const host = options.host ?? EJABBERD_HOST;
    const mucDomain = `conference.${domain}`;
    await Promise.all([mkdir(paths.spoolDir), mkdir(paths.logDir), mkdir(paths.homeDir)]);
    const certs = options.certificates === undefined
      ? await makeTestCertificates(paths.certsDir, { domain, altNames: [`*.${domain}`, mucDomain, ...(options.httpUpload === undefined ? [] : ['localhost'])] })
      : await copyCertificates(paths.certsDir, domain, options.certificates);
    const trustedCaFile = join(paths.certsDir, 's2s-trusted-ca.crt');
    if (options.s2s !== undefined) await copyFile(options.s2s.trustedCaFile, trustedCaFile);
    const ejabberdctl = install.owner && install.owner.name !== 'ejabberd' && !install.asRoot
      ? await patchedEjabberdctl(install.ejabberdctl, dir)
      : install.ejabberdctl;
    await writeFile(paths.cookieFile, `${randomBytes(24).toString('hex')}\n`, { mode: 0o400 });
    await writeFile(paths.inetrcFile, inetrc(options.dnsServer));
    const resolvConf = join(dir, 'resolv.conf');
    if (options.dnsServer !== undefined) {
      const [ip, port] = options.dnsServer.split(':');
      if (port !== undefined && port !== '53') throw new Error(`ejabberd's dnsServer must be on port 53 (getaddrinfo reads resolv.conf), not ${options.dnsServer}`);
      if (!install.asRoot) throw new Error('ejabberd with its own dnsServer needs root (a private mount namespace for its resolv.conf)');
      await writeFile(resolvConf, `# Generated by e2e/server/ejabberd.ts: bind-mounted over /etc/resolv.conf for this ejabberd only.\nnameserver ${ip ?? ''}\noptions timeout:2 attempts:1\n`);
    }
    // One node name for every attempt: the Mnesia schema in the spool directory belongs to it.
    const node = `ejabberd-test-${randomBytes(5).toString('hex')}@localhost`;

    // A port found free can be taken by someone else before ejabberd binds it; then try again with new ones.
    for (let attempt = 1; ; attempt++) {
      const ports = await freePorts(3 + (options.websocket ? 1 : 0), host);
      const [c2sPort, directTlsPort, distPort] = ports as [number, number, number];
      const httpPort = options.websocket ? ports[3] : undefined;
      // Addressed as `localhost`: the upload listener is on 127.0.0.1, where that name leads, whatever `host` is.
      const uploadPort = options.httpUpload === undefined ? undefined : (await freePorts(1, '127.0.0.1'))[0];
      const info: EjabberdServerInfo = {
        software: 'ejabberd',
        version: '',
        domain,
        host,
        c2sPort,
        directTlsPort,
        ...(options.s2s === undefined ? {} : { s2sPort: options.s2s.port }),
        ...(options.dnsServer === undefined ? {} : { resolvConf }),
        ...(httpPort !== undefined
          ? { httpPort, websocketUrl: `ws://${host}:${httpPort}/xmpp-websocket` }
          : {}),
        ...(uploadPort === undefined ? {} : { upload: { service: `upload.${domain}`, httpsPort: uploadPort, maxFileSize: options.httpUpload?.maxFileSize ?? 1024 * 1024 } }),
        caCertPem: certs.caCertPem,
        caCertFile: certs.caCertFile,
        mucDomain,
        tlsMaxVersion: options.tlsMaxVersion ?? 'TLSv1.3',
        passwordFormat: options.passwordFormat ?? 'plain',
        scramHash: options.scramHash ?? 'sha',
        dir,
        configFile: paths.configFile,
        ctlConfigFile: paths.ctlConfigFile,
        spoolDir: paths.spoolDir,
        logDir: paths.logDir,
        logFile: paths.logFile,
        node,
        distPort,
        ejabberdctl,
        pid: 0,
        accounts: {
          alice: account('alice', ACCOUNTS.alice, domain),
          bob: account('bob', ACCOUNTS.bob, domain),
          carol: account('carol', ACCOUNTS.carol, domain),
        },
      };
      await writeFile(paths.configFile, ejabberdConfig(info, certs, options.logLevel ?? 'info',
        options.s2s === undefined ? undefined : trustedCaFile));
      await writeFile(paths.ctlConfigFile, ctlConfig(info));
      if (install.owner && install.asRoot) await chownTree(dir, install.owner);

      proc = spawnEjabberd(info, install, (await readText(paths.logFile)).length);
      const outcome = await waitUntilReady(info, proc, options.startTimeoutMs ?? 30_000);
      if (outcome.kind === 'port-taken' && attempt < 3) {
        await stopProcessGroup(proc);
        proc = undefined;
        continue;
      }
      if (outcome.kind !== 'ready') {
        throw new Error(`ejabberd did not start: ${outcome.detail}\n${await diagnostics(info, proc)}`);
      }
      info.version = outcome.version;

      // Accounts and rosters go in through the running node, with ejabberdctl commands (one client VM for all).
      const setup = await ejabberdctlBatch(info, [
        ...Object.values(info.accounts).map((a) => ['register', a.username, info.domain, a.password]),
        ...mutualContactCommands(info.domain, 'alice', 'bob', { a: 'Alice', b: 'Bob' }),
      ]);
      const failed = setup.filter((r) => r.code !== 0);
      if (failed.length > 0) {
        throw new Error(`creating the test accounts failed:\n${failed.map((r) => r.output).join('\n')}`);
      }

      info.pid = proc.child.pid ?? 0;
      const server = withControls(info, proc, install, options);
      proc = undefined;
      if (process.env['JABBER_EJABBERD_DEBUG']) {
        console.error(`[ejabberd] started in ${Date.now() - started} ms, run dir ${dir}`);
      }
      return server;
    }
  } catch (error) {
    if (proc) await stopProcessGroup(proc);
    if (!options.keepDir) await rm(dir, { recursive: true, force: true });
    throw error;
  } finally {
    process.off('exit', onExit);
  }
}

/**
 * Runs an ejabberdctl command (e.g. ['connected_users']) against a running test server; resolves with its
 * output, rejects (with the output) when the command fails.
 */
export async function ejabberdctl(server: CtlTarget, args: string[]): Promise<string> {
  const [result] = await ejabberdctlBatch(server, [args]);
  if (!result) throw new Error('ejabberdctl gave no result');
  if (result.code !== 0) {
    throw new Error(`ejabberdctl ${args.join(' ')} failed (status ${result.code}):\n${result.output}`);
  }
  return result.output;
}

export interface CtlResult {
  /** ejabberdctl's exit status: 0 is success. */
  code: number;
  output: string;
}

/**
 * Runs several ejabberdctl commands one after the other, all from one Erlang client node, and resolves with
 * each one's status and output (it does not stop at a failure).
 *
 * This is what `ejabberdctl CMD ARGS...` does (an RPC to `ejabberd_ctl:process/1` on the server node), without
 * the script's overhead: every ejabberdctl call boots an Erlang VM (0.6 s of CPU), and ejabberdctl names its
 * client node with only 3 random hex digits, so parallel calls can clash.
 */
export async function ejabberdctlBatch(server: CtlTarget, commands: string[][]): Promise<CtlResult[]> {
  const install = await findEjabberd();
  const extra = [server.node, ...commands.flatMap((args) => [String(args.length), ...args])];
  const stdout = await run(install.erl, [
    '-sname', `ctl-${randomBytes(8).toString('hex')}@localhost`, '-hidden', '-noinput',
    // Like ejabberdctl with ERL_DIST_PORT: reach the node on its port, no epmd, listen on nothing ourselves.
    '-dist_listen', 'false', '-erl_epmd_port', String(server.distPort), '-start_epmd', 'false',
    '-eval', CTL_CLIENT, '-extra', ...extra,
  ], { cwd: server.dir, env: erlangEnv(server), owner: install.asRoot ? install.owner : undefined });
  const results: CtlResult[] = [];
  const re = /<<<ctl-begin>>>\n([\s\S]*?)\n?<<<ctl-end (-?\d+)>>>/g;
  for (let m = re.exec(stdout); m; m = re.exec(stdout)) {
    results.push({ code: Number(m[2]), output: (m[1] ?? '').replace(/\n+$/, '') });
  }
  if (results.length !== commands.length) throw new Error(`ejabberdctl gave unexpected output:\n${stdout}`);
  return results;
}

/** Erlang for ejabberdctlBatch: plain arguments are NODE, then for each command its length and its words. */
const CTL_CLIENT = `
[NodeS | Rest] = init:get_plain_arguments(),
Node = list_to_atom(NodeS),
Run = fun Loop([]) -> ok;
          Loop([NS | More]) ->
            {Args, Tail} = lists:split(list_to_integer(NS), More),
            io:format("<<<ctl-begin>>>~n"),
            Code = case rpc:call(Node, ejabberd_ctl, process, [Args], 60000) of
                     {badrpc, Reason} -> io:format("Failed RPC connection to the node ~p: ~p~n", [Node, Reason]), 3;
                     C when is_integer(C) -> C;
                     Other -> io:format("~p~n", [Other]), 1
                   end,
            io:format("~n<<<ctl-end ~b>>>~n", [Code]),
            Loop(Tail)
      end,
Run(Rest),
halt(0).
`;

/** A token for X-OAUTH2 sign-in as `user`: `ejabberdctl oauth_issue_token <jid> <ttl> sasl_auth`. */
export async function issueOAuthToken(server: CtlTarget & Pick<EjabberdServerInfo, 'domain'>, user: string,
  options: OAuthTokenOptions = {}): Promise<string> {
  const jid = `${localPart(user, server.domain)}@${server.domain}`;
  const scopes = options.scopes ?? ['sasl_auth'];
  let output: string;
  try {
    output = await ejabberdctl(server, ['oauth_issue_token', jid, String(options.ttlSeconds ?? 3600), scopes.join(';')]);
  } catch (error) {
    if (error instanceof Error && /undefined function oauth2:/.test(error.message)) {
      throw new Error(NO_OAUTH, { cause: error });
    }
    throw error;
  }
  // The output is "TOKEN<tab>[<<"sasl_auth">>]<tab>3600 seconds"; some errors are printed with status 0.
  const token = output.split('\t')[0]?.trim() ?? '';
  if (!/^[A-Za-z0-9]{16,}$/.test(token) || !output.includes('\t')) {
    throw new Error(`ejabberdctl oauth_issue_token ${jid} gave no token:\n${output}`);
  }
  return token;
}

/** Creates (or re-passwords: `change_password`) accounts. The server must be running. */
export async function createAccounts(server: CtlTarget & Pick<EjabberdServerInfo, 'domain'>,
  accounts: { username: string; password: string }[]): Promise<void> {
  const d = server.domain;
  const users = accounts.map((a) => ({ user: localPart(a.username, d), password: a.password }));
  const results = await ejabberdctlBatch(server, users.map((u) => ['register', u.user, d, u.password]));
  const again = users.filter((_, i) => results[i]?.code !== 0);
  const failed = results.filter((r) => r.code !== 0 && !/already registered/.test(r.output));
  if (failed.length > 0) throw new Error(`ejabberdctl register failed:\n${failed.map((r) => r.output).join('\n')}`);
  if (again.length === 0) return;
  const changed = await ejabberdctlBatch(server, again.map((u) => ['change_password', u.user, d, u.password]));
  const notChanged = changed.filter((r) => r.code !== 0);
  if (notChanged.length > 0) {
    throw new Error(`ejabberdctl change_password failed:\n${notChanged.map((r) => r.output).join('\n')}`);
  }
}

export function createAccount(server: CtlTarget & Pick<EjabberdServerInfo, 'domain'>, username: string,
  password: string): Promise<void> {
  return createAccounts(server, [{ username, password }]);
}

/**
 * Makes `a` and `b` mutual contacts (subscription "both", no pending requests). `names.a` is the name `a` gets
 * in b's roster, `names.b` the name `b` gets in a's roster (default: none). Unlike the Prosody harness this
 * goes through ejabberd itself, so it also works while they are signed in (they get roster pushes).
 */
export async function makeMutualContacts(server: CtlTarget & Pick<EjabberdServerInfo, 'domain'>, a: string, b: string,
  names: { a?: string; b?: string } = {}): Promise<void> {
  const results = await ejabberdctlBatch(server, mutualContactCommands(server.domain, a, b, names));
  const failed = results.filter((r) => r.code !== 0);
  if (failed.length > 0) throw new Error(`ejabberdctl add_rosteritem failed:\n${failed.map((r) => r.output).join('\n')}`);
}

function mutualContactCommands(domain: string, a: string, b: string, names: { a?: string; b?: string }): string[][] {
  const userA = localPart(a, domain);
  const userB = localPart(b, domain);
  // add_rosteritem LOCALUSER HOST USER HOST NICK GROUPS SUBSCRIPTION; "" is no groups.
  return [
    ['add_rosteritem', userA, domain, userB, domain, names.b ?? '', '', 'both'],
    ['add_rosteritem', userB, domain, userA, domain, names.a ?? '', '', 'both'],
  ];
}

/** The server without its methods: what goes into JSON files. */
export function ejabberdServerInfo(server: EjabberdServer | EjabberdServerInfo): EjabberdServerInfo {
  const info: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(server)) {
    if (typeof value !== 'function') info[key] = value;
  }
  return info as unknown as EjabberdServerInfo;
}

/** What ejabberdctl needs to reach a server; an EjabberdServerInfo read from ejabberd-cli.ts's JSON will do. */
export type CtlTarget = Pick<EjabberdServerInfo, 'dir' | 'node' | 'distPort'>;

// ---------------------------------------------------------------------------------------------------------
// Run directory and configuration

interface RunPaths {
  dir: string;
  configFile: string;
  ctlConfigFile: string;
  inetrcFile: string;
  cookieFile: string;
  homeDir: string;
  spoolDir: string;
  logDir: string;
  logFile: string;
  certsDir: string;
}

function runPaths(dir: string): RunPaths {
  return {
    dir,
    configFile: join(dir, 'ejabberd.yml'),
    ctlConfigFile: join(dir, 'ejabberdctl.cfg'),
    // ejabberdctl takes inetrc (and vm.args, which we have none of) from --config-dir, i.e. the run directory.
    inetrcFile: join(dir, 'inetrc'),
    // $HOME of ejabberd and of every ejabberdctl call, for the Erlang cookie (and ejabberd's contrib modules dir).
    homeDir: join(dir, 'home'),
    cookieFile: join(dir, 'home', '.erlang.cookie'),
    spoolDir: join(dir, 'database'),
    logDir: join(dir, 'logs'),
    logFile: join(dir, 'logs', 'ejabberd.log'),
    certsDir: join(dir, 'certs'),
  };
}

async function makeRunDir(dir: string | undefined): Promise<string> {
  if (dir === undefined) return mkdtemp(join(tmpdir(), 'jabber-ejabberd-'));
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // stop() deletes the directory, so refuse to adopt one that holds anything.
  if ((await readdir(dir)).length > 0) throw new Error(`ejabberd run directory ${dir} is not empty`);
  return dir;
}

/** The caller's certificate, key and CA, copied into the run directory. */
async function copyCertificates(certsDir: string, domain: string, certificates: NonNullable<StartEjabberdOptions['certificates']>):
  Promise<{ certFile: string; keyFile: string; caCertFile: string; caCertPem: string }> {
  await mkdir(certsDir, { recursive: true });
  const files = { caCertFile: join(certsDir, 'ca.crt'), certFile: join(certsDir, `${domain}.crt`), keyFile: join(certsDir, `${domain}.key`) };
  await Promise.all([
    copyFile(certificates.caCertFile, files.caCertFile),
    copyFile(certificates.certFile, files.certFile),
    copyFile(certificates.keyFile, files.keyFile),
  ]);
  return { ...files, caCertPem: await readFile(files.caCertFile, 'utf8') };
}

/**
 * Erlang's resolver configuration (ERL_INETRC): "localhost" for the node names, and with `dnsServer` (`IP:PORT`)
 * DNS through that server alone: no /etc/resolv.conf, no /etc/hosts.
 */
function inetrc(dnsServer: string | undefined): string {
  const lines = ['{host, {127,0,0,1}, ["localhost"]}.'];
  if (dnsServer === undefined) return ['{lookup, [file, native]}.', ...lines, ''].join('\n');
  const [ip, port] = dnsServer.split(':');
  return ['{lookup, [file, dns]}.', ...lines, '{resolv_conf, ""}.', '{hosts_file, ""}.',
    `{nameserver, {${(ip ?? '127.0.0.1').split('.').join(',')}}, ${port ?? '53'}}.`, ''].join('\n');
}

function ejabberdConfig(info: EjabberdServerInfo, certs: { certFile: string; keyFile: string; caCertFile: string },
  logLevel: string, s2sTrustedCaFile?: string): string {
  const q = yamlString;
  const EJABBERD_HOST = info.host;
  const tlsOptions = ['no_sslv3', 'no_tlsv1', 'no_tlsv1_1', 'cipher_server_preference', 'no_compression',
    ...(info.tlsMaxVersion === 'TLSv1.2' ? ['no_tlsv1_3'] : [])];
  const protocolOptions = `\n    protocol_options:\n${tlsOptions.map((o) => `      - ${q(o)}`).join('\n')}`;
  const c2s = `    ip: ${q(EJABBERD_HOST)}
    module: ejabberd_c2s
    access: c2s
    max_stanza_size: 1048576${protocolOptions}`;
  const websocket = info.httpPort === undefined ? '' : `
  -
    port: ${info.httpPort}
    ip: ${q(EJABBERD_HOST)}
    module: ejabberd_http
    request_handlers:
      /xmpp-websocket: ejabberd_http_ws`;
  const uploadListener = info.upload === undefined ? '' : `
  -
    port: ${info.upload.httpsPort}
    ip: "127.0.0.1"
    module: ejabberd_http
    tls: true
    request_handlers:
      /upload: mod_http_upload`;
  const uploadModule = info.upload === undefined ? '' : `
  mod_http_upload:
    put_url: ${q(`https://localhost:${info.upload.httpsPort}/upload`)}
    docroot: ${q(join(info.spoolDir, 'upload'))}
    max_size: ${info.upload.maxFileSize}
    thumbnail: false`;
  const s2sListener = info.s2sPort === undefined ? '' : `
  -
    port: ${info.s2sPort}
    ip: ${q(EJABBERD_HOST)}
    module: ejabberd_s2s_in
    max_stanza_size: 1048576`;
  // Federation lab: no mod_s2s_dialback, so a peer must authenticate with a certificate that ca_file verifies
  // (SASL EXTERNAL), and outgoing connections verify the peer's certificate the same way.
  const s2s = info.s2sPort === undefined ? `# No s2s: no ejabberd_s2s_in listener above, and no outgoing connections.
s2s_access: none` : `s2s_access: all
s2s_use_starttls: required
s2s_timeout: 30
s2s_dns_timeout: 3
s2s_dns_retries: 1
outgoing_s2s_families: [ipv4]
outgoing_s2s_timeout: 10`;
  return `# Generated by e2e/server/ejabberd.ts for one test run. Loopback only, no s2s.
hosts:
  - ${q(info.domain)}
loglevel: ${logLevel}
log_rotate_count: 0
log_rotate_size: infinity
hide_sensitive_log_data: false
certfiles:
  - ${q(certs.certFile)}
  - ${q(certs.keyFile)}
ca_file: ${q(s2sTrustedCaFile ?? certs.caCertFile)}

listen:
  -
    port: ${info.c2sPort}
    starttls_required: true
${c2s}
  -
    port: ${info.directTlsPort}
    tls: true
${c2s}${websocket}${uploadListener}${s2sListener}

${s2s}

# Passwords in Mnesia. 'plain' storage lets ejabberd offer every SCRAM hash (and -PLUS on TLS); 'scram'
# storage only the one of auth_scram_hash. X-OAUTH2 is offered unless disabled below (Debian's own
# ejabberd.yml disables it); its tokens come from ejabberdctl oauth_issue_token with scope sasl_auth.
auth_method: [internal]
auth_password_format: ${info.passwordFormat}
auth_scram_hash: ${info.scramHash}
disable_sasl_mechanisms:
  - "DIGEST-MD5"
oauth_access: all
oauth_expire: 3600

# In-band registration (XEP-0077) is tested; no throttling between test registrations.
registration_timeout: infinity

acl:
  local:
    user_regexp: ""
access_rules:
  local:
    allow: local
  c2s:
    allow: all
  register:
    allow: all
shaper_rules:
  max_user_offline_messages: 10000
api_permissions:
  "console commands":
    from:
      - ejabberd_ctl
    who: all
    what: "*"

modules:
  mod_adhoc: {}
  mod_admin_extra: {}
  mod_blocking: {}
  mod_caps: {}
  mod_carboncopy: {}
  mod_client_state: {}
  mod_disco: {}
  mod_last: {}
  mod_mam:
    default: always
  mod_muc:
    access_mam:
      - allow
    default_room_options:
      mam: true
  mod_offline: {}
  mod_ping: {}
  mod_privacy: {}
  mod_private: {}
  mod_pubsub:
    plugins:
      - flat
      - pep
  mod_register:
    access: register
    ip_access: all
    password_strength: 0
  mod_roster:
    versioning: true
  mod_stream_mgmt:
    resend_on_timeout: if_offline
  mod_vcard:
    search: true
    host: "vjud.@HOST@"
    allow_return_all: true
    matches: infinity
  mod_vcard_xupdate: {}
  mod_version:
    show_os: false${uploadModule}
`;
}

/** Sourced by ejabberdctl (a shell fragment): distribution on one loopback port, no epmd. */
function ctlConfig(info: EjabberdServerInfo): string {
  return `# Generated by e2e/server/ejabberd.ts. Sourced by ejabberdctl for the server and for every command.
# ERL_DIST_PORT: the node listens for Erlang distribution on this port, and no epmd is started or asked.
ERL_DIST_PORT=${info.distPort}
ERL_OPTIONS="-env ERL_CRASH_DUMP_BYTES 0 -kernel inet_dist_use_interface {127,0,0,1}"
EJABBERD_BYPASS_WARNINGS=true
`;
}

/** A YAML double-quoted scalar; JSON's escaping is valid YAML. */
function yamlString(s: string): string {
  return JSON.stringify(s);
}

function account(username: string, password: string, domain: string = EJABBERD_DOMAIN): TestAccount {
  return { username, jid: `${username}@${domain}`, password };
}

function localPart(user: string, domain: string): string {
  const at = user.indexOf('@');
  if (at < 0) return user;
  if (user.slice(at + 1) !== domain) throw new Error(`${user} is not on ${domain}`);
  return user.slice(0, at);
}

// ---------------------------------------------------------------------------------------------------------
// Finding ejabberd and the user to run it as

interface Owner { name: string; uid: number; gid: number }

interface EjabberdInstall {
  ejabberdctl: string;
  /** The `erl` that ejabberdctl runs (its ERL= line). */
  erl: string;
  /** As root: the `ejabberd` user. Otherwise: ourselves (a patched ejabberdctl copy runs as us). */
  owner: Owner | undefined;
  asRoot: boolean;
}

let installLookup: Promise<EjabberdInstall> | undefined;

function findEjabberd(): Promise<EjabberdInstall> {
  installLookup ??= (async () => {
    const ejabberdctl = await findExecutable('ejabberdctl', ['/usr/sbin', '/sbin', '/usr/local/sbin']);
    if (!ejabberdctl) throw new Error(NOT_INSTALLED);
    if (!(await hasErlangLibrary('p1_oauth2-'))) throw new Error(NO_OAUTH);
    const erl = /^ERL="?([^"\s]+)"?\s*$/m.exec(await readFile(ejabberdctl, 'utf8'))?.[1] ?? 'erl';
    if (process.getuid?.() === 0) {
      try {
        const uid = Number((await run('id', ['-u', 'ejabberd'], {})).trim());
        const gid = Number((await run('id', ['-g', 'ejabberd'], {})).trim());
        return { ejabberdctl, erl, owner: { name: 'ejabberd', uid, gid }, asRoot: true };
      } catch (error) {
        throw new Error(`Running as root, but there is no \`ejabberd\` user to run ejabberd as: ${NOT_INSTALLED}`,
          { cause: error });
      }
    }
    const me = userInfo();
    return { ejabberdctl, erl, owner: { name: me.username, uid: me.uid, gid: me.gid }, asRoot: false };
  })();
  installLookup.catch(() => { installLookup = undefined; });
  return installLookup;
}

async function findExecutable(command: string, extraDirs: string[]): Promise<string | undefined> {
  const dirs = [...(process.env['PATH'] ?? '').split(':').filter(Boolean), ...extraDirs];
  for (const dir of dirs) {
    const candidate = join(dir, command);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

async function hasErlangLibrary(prefix: string): Promise<boolean> {
  for (const libDir of ['/usr/lib/erlang/lib', '/usr/local/lib/erlang/lib']) {
    try {
      if ((await readdir(libDir)).some((name) => name.startsWith(prefix))) return true;
    } catch {
      // no such directory
    }
  }
  return false;
}

/**
 * Debian's ejabberdctl only runs as root (it then `su`s to ejabberd) or as the ejabberd user. For anyone
 * else, run a copy of it with that check turned off (INSTALLUSER empty: "run as the current user").
 */
async function patchedEjabberdctl(original: string, dir: string): Promise<string> {
  const script = await readFile(original, 'utf8');
  const patched = script.replace(/^INSTALLUSER=.*$/m, 'INSTALLUSER=');
  if (patched === script) throw new Error(`${original} has no INSTALLUSER line: cannot run it as ${userInfo().username}`);
  const copy = join(dir, 'ejabberdctl');
  await writeFile(copy, patched);
  await chmod(copy, 0o755);
  return copy;
}


// ---------------------------------------------------------------------------------------------------------
// Running ejabberd, waiting for it, stopping it

interface NodeProcess {
  child: ChildProcess;
  /** Length of the log file when this process was started: only what comes after is about this run. */
  logOffset: number;
  /** The last bit of stdout/stderr (boot errors go there, and in foreground mode the log too). */
  output(): string;
}

function ctlFlags(server: EjabberdServerInfo): string[] {
  return ['--config-dir', server.dir, '--config', server.configFile, '--ctl-config', server.ctlConfigFile,
    '--logs', server.logDir, '--spool', server.spoolDir, '--node', server.node];
}

/**
 * A clean environment for ejabberd and the ctl client: nothing of ours (ERL_*, EJABBERD_*, HOME) leaks in.
 * HOME holds the run's Erlang cookie; inetrc makes "localhost" (the node names' host) 127.0.0.1.
 */
function erlangEnv(server: Pick<EjabberdServerInfo, 'dir'>): NodeJS.ProcessEnv {
  return {
    HOME: join(server.dir, 'home'),
    ERL_INETRC: join(server.dir, 'inetrc'),
    ERL_CRASH_DUMP_BYTES: '0',
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    LANG: 'C.UTF-8',
  };
}

function spawnEjabberd(info: EjabberdServerInfo, install: EjabberdInstall, logOffset: number): NodeProcess {
  const command = [info.ejabberdctl, ...ctlFlags(info), 'foreground'];
  const owner = install.asRoot && install.owner ? install.owner : undefined;
  // With a resolv.conf of its own: unshare (as root) makes a private mount namespace, the shell bind-mounts the
  // file over /etc/resolv.conf there and execs setpriv, which drops to the ejabberd user and execs ejabberdctl.
  // Every step execs the next, so the child's pid (and process group) is ejabberdctl's, as without it.
  const [file, ...args] = info.resolvConf !== undefined && owner
    ? ['unshare', '--mount', '--propagation', 'private', '--', '/bin/sh', '-c',
      'f="$0" u="$1" g="$2"; shift 2; mount --bind "$f" /etc/resolv.conf && exec setpriv --reuid="$u" --regid="$g" --clear-groups -- "$@"',
      info.resolvConf, String(owner.uid), String(owner.gid), ...command]
    : command;
  const child = spawn(file ?? info.ejabberdctl, args, {
    cwd: info.dir,
    env: erlangEnv(info),
    // A process group of its own: stop() signals and waits for the whole group (script, VM, port programs).
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(owner && info.resolvConf === undefined ? { uid: owner.uid, gid: owner.gid } : {}),
  });
  let output = '';
  const collect = (chunk: Buffer): void => { output = (output + chunk.toString()).slice(-16384); };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  child.on('error', (error) => { output += `\n${String(error)}`; });
  return { child, logOffset, output: () => output };
}

type StartOutcome = { kind: 'ready'; version: string } | { kind: 'port-taken' | 'failed'; detail: string };

async function waitUntilReady(info: EjabberdServerInfo, proc: NodeProcess, timeoutMs: number): Promise<StartOutcome> {
  const deadline = Date.now() + timeoutMs;
  const listening = [
    `Start accepting TCP connections at ${info.host}:${info.c2sPort} for ejabberd_c2s`,
    `Start accepting TLS connections at ${info.host}:${info.directTlsPort} for ejabberd_c2s`,
    ...(info.httpPort === undefined ? [] : [`Start accepting TCP connections at ${info.host}:${info.httpPort} for ejabberd_http`]),
  ];
  while (Date.now() < deadline) {
    const log = (await readText(info.logFile)).slice(proc.logOffset);
    const text = `${log}\n${proc.output()}`;
    if (/Failed to open socket at|address already in use|eaddrinuse/i.test(text)) {
      return { kind: 'port-taken', detail: 'a port was taken' };
    }
    if (hasExited(proc.child)) {
      return {
        kind: 'failed',
        detail: `it exited (code ${proc.child.exitCode ?? 'none'}, signal ${proc.child.signalCode ?? 'none'})`,
      };
    }
    const version = /ejabberd (\S+) is started in the node/.exec(log)?.[1];
    // Log lines first (cheap), then proof that ejabberd itself answers XMPP on both ports.
    if (version && listening.every((line) => log.includes(line))
      && await offersStartTls(info) && await answersDirectTls(info)) {
      return { kind: 'ready', version };
    }
    await sleep(100);
  }
  return { kind: 'failed', detail: `it did not answer on ${info.host}:${info.c2sPort} and :${info.directTlsPort} within ${timeoutMs} ms` };
}

const streamHeader = (domain: string): string => `<?xml version='1.0'?><stream:stream to='${domain}' xmlns='jabber:client' `
  + `xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>`;

/** Opens an XMPP stream and waits for stream features offering STARTTLS. */
function offersStartTls(info: EjabberdServerInfo): Promise<boolean> {
  return streamCheck(connectTcp({ host: info.host, port: info.c2sPort }), info.domain, 'connect',
    (received) => received.includes('urn:ietf:params:xml:ns:xmpp-tls'));
}

/** Completes a TLS handshake (certificate checked against the run's CA) and waits for SASL mechanisms. */
function answersDirectTls(info: EjabberdServerInfo): Promise<boolean> {
  const socket = connectTls({
    host: info.host,
    port: info.directTlsPort,
    servername: info.domain,
    ca: info.caCertPem,
    ALPNProtocols: ['xmpp-client'],
  });
  return streamCheck(socket, info.domain, 'secureConnect', (received) => received.includes('urn:ietf:params:xml:ns:xmpp-sasl'));
}

function streamCheck(socket: Socket, domain: string, readyEvent: string, done: (received: string) => boolean): Promise<boolean> {
  return new Promise((resolve) => {
    let received = '';
    const finish = (ok: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), 3000);
    socket.on('error', () => finish(false));
    socket.on(readyEvent, () => socket.write(streamHeader(domain)));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString();
      if (done(received)) {
        socket.write('</stream:stream>');
        finish(true);
      }
    });
  });
}

function withControls(info: EjabberdServerInfo, first: NodeProcess, install: EjabberdInstall,
  options: StartEjabberdOptions): EjabberdServer {
  let proc = first;
  // Last resort if the test process exits without stop(): never leave an ejabberd behind.
  const onExit = (): void => { killGroup(proc, 'SIGKILL'); };
  process.on('exit', onExit);
  let stopping: Promise<void> | undefined;
  let restarting: Promise<void> | undefined;
  const server: EjabberdServer = {
    ...info,
    issueOAuthToken: (user, tokenOptions) => issueOAuthToken(server, user, tokenOptions),
    ctl: (args) => ejabberdctl(server, args),
    createAccount: (username, password) => createAccount(server, username, password),
    makeMutualContacts: (a, b, names) => makeMutualContacts(server, a, b, names),
    restart(): Promise<void> {
      if (stopping) return Promise.reject(new Error('ejabberd was stopped'));
      restarting ??= (async () => {
        await stopProcessGroup(proc);
        const logOffset = (await readText(info.logFile)).length;
        proc = spawnEjabberd(server, install, logOffset);
        const outcome = await waitUntilReady(server, proc, options.startTimeoutMs ?? 30_000);
        if (outcome.kind !== 'ready') {
          throw new Error(`ejabberd did not restart: ${outcome.kind === 'port-taken' ? 'a port was taken' : outcome.detail}\n`
            + await diagnostics(server, proc));
        }
        server.pid = proc.child.pid ?? 0;
      })().finally(() => { restarting = undefined; });
      return restarting;
    },
    stop(): Promise<void> {
      stopping ??= (async () => {
        await restarting?.catch(() => {});
        await stopProcessGroup(proc);
        process.off('exit', onExit);
        if (!options.keepDir) await rm(info.dir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
  return server;
}


function killGroup(proc: NodeProcess, signal: NodeJS.Signals): void {
  const pgid = proc.child.pid;
  if (pgid === undefined) return;
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is gone already
  }
}

/**
 * Stops the server's whole process group: SIGTERM to the Erlang VM (it shuts ejabberd down cleanly, so Mnesia
 * is consistent for restart()), SIGKILL to the group if that takes more than 10 s. Resolves once no process of
 * the group is left (zombies aside).
 */
async function stopProcessGroup(proc: NodeProcess): Promise<void> {
  const pgid = proc.child.pid;
  if (pgid === undefined) return;
  let members = await groupMembers(pgid);
  if (members.length === 0) return;
  // Only the VM gets SIGTERM: signalled too, its port programs (erl_child_setup) would die under it first.
  const vms = members.filter((m) => m.comm.startsWith('beam'));
  if (vms.length > 0) {
    for (const vm of vms) {
      try { process.kill(vm.pid, 'SIGTERM'); } catch { /* gone */ }
    }
  } else {
    killGroup(proc, 'SIGTERM');
  }
  const killAt = Date.now() + 10_000;
  let killed = false;
  while ((members = await groupMembers(pgid)).length > 0) {
    if (!killed && Date.now() > killAt) {
      killGroup(proc, 'SIGKILL');
      killed = true;
    }
    if (killed && Date.now() > killAt + 5000) {
      throw new Error(`ejabberd processes ${members.map((m) => m.pid).join(', ')} did not exit even after SIGKILL`);
    }
    await sleep(50);
  }
}

interface GroupMember { pid: number; comm: string }

/** Live (non-zombie) processes in process group `pgid`, from /proc. */
async function groupMembers(pgid: number): Promise<GroupMember[]> {
  const members: GroupMember[] = [];
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    // No /proc: fall back to "is anything in the group still signalable".
    try {
      process.kill(-pgid, 0);
      return [{ pid: pgid, comm: '?' }];
    } catch {
      return [];
    }
  }
  await Promise.all(entries.filter((e) => /^\d+$/.test(e)).map(async (entry) => {
    const stat = await readText(`/proc/${entry}/stat`);
    // pid (comm) state ppid pgrp ...; comm may contain spaces and parentheses, so split at the last ')'.
    const close = stat.lastIndexOf(')');
    if (close < 0) return;
    const [state, , pgrp] = stat.slice(close + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') {
      members.push({ pid: Number(entry), comm: stat.slice(stat.indexOf('(') + 1, close) });
    }
  }));
  return members;
}

async function diagnostics(info: EjabberdServerInfo, proc: NodeProcess): Promise<string> {
  const tail = (file: string, lines: number): string => file.split('\n').filter((l) => l.length > 0).slice(-lines).join('\n');
  const log = tail((await readText(info.logFile)).slice(proc.logOffset), 40);
  const errors = tail(await readText(join(info.logDir, 'error.log')), 20);
  return `--- last lines of ${info.logFile} ---\n${log || '(empty)'}`
    + (errors ? `\n--- ${join(info.logDir, 'error.log')} ---\n${errors}` : '')
    + (proc.output().trim() ? `\n--- ejabberdctl foreground stdout/stderr ---\n${tail(proc.output(), 40)}` : '');
}




interface RunOptions { cwd?: string; env?: NodeJS.ProcessEnv; owner?: Owner | undefined }

/** Runs a command to completion; rejects with its output when it fails. Resolves with stdout. */
function run(command: string, args: string[], options: RunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      ...(options.env ? { env: options.env } : {}),
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.owner ? { uid: options.owner.uid, gid: options.owner.gid } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) {
        resolve(stdout);
        return;
      }
      reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit code ${code}`}):\n${stdout}${stderr}`));
    });
  });
}
