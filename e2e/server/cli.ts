// Starts a test Prosody for humans and for other harnesses, and keeps it running until SIGINT/SIGTERM:
//
//   node e2e/server/cli.ts start [--info FILE] [--dir DIR] [--keep-dir]
//
// FILE (default .run/test-server.json in the repo) receives the server's TestServerInfo as JSON; it is
// removed again on shutdown.

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serverInfo, startProsody } from './prosody.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const usage = 'usage: node e2e/server/cli.ts start [--info FILE] [--dir DIR] [--keep-dir]';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      info: { type: 'string' },
      dir: { type: 'string' },
      'keep-dir': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length !== 1 || positionals[0] !== 'start') {
    console.error(usage);
    process.exitCode = values.help ? 0 : 2;
    return;
  }

  const infoFile = resolve(values.info ?? resolve(repoRoot, '.run/test-server.json'));
  const server = await startProsody({
    ...(values.dir !== undefined ? { dir: resolve(values.dir) } : {}),
    keepDir: values['keep-dir'] === true,
  });

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping Prosody`);
    await rm(infoFile, { force: true });
    await server.stop();
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await mkdir(dirname(infoFile), { recursive: true });
    await writeFile(infoFile, `${JSON.stringify(serverInfo(server), null, 2)}\n`);
  } catch (error) {
    await server.stop();
    throw error;
  }

  const { alice, bob, carol } = server.accounts;
  console.log(`Prosody for ${server.domain} is running (pid ${server.pid}): c2s ${server.host}:${server.c2sPort} `
    + `(STARTTLS), ${server.websocketUrl}, CA ${server.caCertFile}; accounts ${alice.jid}/${alice.password}, `
    + `${bob.jid}/${bob.password}, ${carol.jid}/${carol.password}; info in ${infoFile}. Ctrl-C stops it.`);
  // The Prosody child process keeps the event loop alive until shutdown stops it.
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
