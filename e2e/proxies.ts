/**
 * Real proxies for tests, from Debian's packages, on 127.0.0.1 with their own config:
 * Dante (SOCKS5, no authentication) and tinyproxy (HTTP CONNECT with Basic authentication).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface RunningProxy {
  readonly port: number;
  readonly username?: string;
  readonly password?: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function binary(candidates: readonly string[], pkg: string): string {
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found === undefined) throw new Error(`${path.basename(candidates[0] ?? pkg)} is not installed: apt-get install -y ${pkg}`);
  return found;
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`proxy exited: ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`proxy did not listen on ${port}: ${log()}`);
}

async function run(command: string, args: readonly string[], port: number, dir: string, extra: Partial<RunningProxy> = {}): Promise<RunningProxy> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr?.on('data', (data: Buffer) => (output += data.toString()));
  try {
    await waitForPort(port, child, () => output.trim());
  } catch (error) {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    ...extra,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function startSocksProxy(): Promise<RunningProxy> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jabber-socks-'));
  const port = await freePort();
  const config = path.join(dir, 'danted.conf');
  await writeFile(
    config,
    [
      'logoutput: stderr',
      `internal: 127.0.0.1 port = ${port}`,
      'external: 127.0.0.1',
      'socksmethod: none',
      'clientmethod: none',
      'user.unprivileged: nobody',
      'client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 }',
      'socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0 command: connect }',
      '',
    ].join('\n'),
  );
  return run(binary(['/usr/sbin/danted'], 'dante-server'), ['-f', config, '-N', '1'], port, dir);
}

export async function startHttpProxy(): Promise<RunningProxy> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jabber-http-proxy-'));
  const port = await freePort();
  const username = 'proxyuser';
  const password = 'proxy-secret';
  const config = path.join(dir, 'tinyproxy.conf');
  await writeFile(
    config,
    [`Port ${port}`, 'Listen 127.0.0.1', 'Timeout 60', 'Allow 127.0.0.1', `BasicAuth ${username} ${password}`, 'LogLevel Info', 'MaxClients 20', ''].join('\n'),
  );
  return run(binary(['/usr/bin/tinyproxy', '/usr/sbin/tinyproxy'], 'tinyproxy'), ['-d', '-c', config], port, dir, { username, password });
}
