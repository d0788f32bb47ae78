// Small helpers shared by the test-server harnesses (prosody.ts, ejabberd.ts): files, ports, processes.
import type { ChildProcess } from 'node:child_process';
import { chown, readdir, readFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';

/** A file's text, or '' when it cannot be read (yet). */
export async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return '';
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `count` distinct free TCP ports on `host`. */
export function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  // Hold all listeners open until every port is known, so the same port is not handed out twice.
  const servers = Array.from({ length: count }, () => createServer());
  return Promise.all(servers.map((server) => new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve((server.address() as AddressInfo).port));
  }))).finally(() => Promise.all(servers.map((server) => new Promise<void>((resolve) => {
    server.close(() => resolve());
  }))));
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Gives a whole directory tree to the user a server drops privileges to. */
export async function chownTree(dir: string, owner: { readonly uid: number; readonly gid: number }): Promise<void> {
  await chown(dir, owner.uid, owner.gid);
  for (const entry of await readdir(dir, { recursive: true })) {
    await chown(join(dir, entry), owner.uid, owner.gid);
  }
}
