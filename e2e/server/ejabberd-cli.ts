// Starts a test ejabberd for humans and for other harnesses, and keeps it running until SIGINT/SIGTERM:
//
//   node e2e/server/ejabberd-cli.ts start [--info FILE] [--dir DIR] [--keep-dir] [--websocket]
//                                         [--tls-max 1.2|1.3] [--password-format plain|scram]
//
// FILE (default .run/ejabberd-server.json in the repo) receives the server's EjabberdServerInfo as JSON; it is
// removed again on shutdown. The CLI also prints a fresh X-OAUTH2 token for alice.

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ejabberdServerInfo, startEjabberd } from './ejabberd.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const usage = 'usage: node e2e/server/ejabberd-cli.ts start [--info FILE] [--dir DIR] [--keep-dir] [--websocket] '
  + '[--tls-max 1.2|1.3] [--password-format plain|scram]';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      info: { type: 'string' },
      dir: { type: 'string' },
      'keep-dir': { type: 'boolean' },
      websocket: { type: 'boolean' },
      'tls-max': { type: 'string' },
      'password-format': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const tlsMax = values['tls-max'];
  const passwordFormat = values['password-format'];
  if (values.help || positionals.length !== 1 || positionals[0] !== 'start'
    || (tlsMax !== undefined && tlsMax !== '1.2' && tlsMax !== '1.3')
    || (passwordFormat !== undefined && passwordFormat !== 'plain' && passwordFormat !== 'scram')) {
    console.error(usage);
    process.exitCode = values.help ? 0 : 2;
    return;
  }

  const infoFile = resolve(values.info ?? resolve(repoRoot, '.run/ejabberd-server.json'));
  const server = await startEjabberd({
    ...(values.dir !== undefined ? { dir: resolve(values.dir) } : {}),
    keepDir: values['keep-dir'] === true,
    websocket: values.websocket === true,
    ...(tlsMax !== undefined ? { tlsMaxVersion: tlsMax === '1.2' ? 'TLSv1.2' : 'TLSv1.3' } : {}),
    ...(passwordFormat !== undefined ? { passwordFormat } : {}),
  });

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping ejabberd`);
    await rm(infoFile, { force: true });
    await server.stop();
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  let token: string;
  try {
    await mkdir(dirname(infoFile), { recursive: true });
    await writeFile(infoFile, `${JSON.stringify(ejabberdServerInfo(server), null, 2)}\n`);
    token = await server.issueOAuthToken('alice');
  } catch (error) {
    await rm(infoFile, { force: true });
    await server.stop();
    throw error;
  }

  const { alice, bob, carol } = server.accounts;
  const asUser = process.getuid?.() === 0 ? 'runuser -u ejabberd -- ' : '';
  console.log([
    `ejabberd ${server.version} for ${server.domain} is running (process group ${server.pid}, node ${server.node}).`,
    `  c2s ${server.host}:${server.c2sPort} (STARTTLS required), direct TLS ${server.host}:${server.directTlsPort}`
      + (server.websocketUrl ? `, ${server.websocketUrl}` : ''),
    `  CA ${server.caCertFile}`,
    `  accounts ${alice.jid}/${alice.password}, ${bob.jid}/${bob.password}, ${carol.jid}/${carol.password}`,
    `  X-OAUTH2 token for ${alice.jid} (1 hour): ${token}`,
    `  log ${server.logFile}; info in ${infoFile}`,
    `  ejabberdctl: ${asUser}env HOME=${server.dir}/home ${server.ejabberdctl} --config-dir ${server.dir} `
      + `--config ${server.configFile} --ctl-config ${server.ctlConfigFile} --logs ${server.logDir} `
      + `--spool ${server.spoolDir} --node ${server.node} status`,
    'Ctrl-C stops it.',
  ].join('\n'));
  // The ejabberd child process keeps the event loop alive until shutdown stops it.
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
