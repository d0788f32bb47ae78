// vitest globalSetup for the `integration` project: one private Prosody for the whole run, handed to the
// test files as `inject('testServer')` (see test-server-info.ts), stopped at teardown.
//
// JABBER_TEST_SERVER_INFO=FILE reuses a server started by hand (`node e2e/server/cli.ts start`) instead.

import { readFile } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { serverInfo, startProsody } from './prosody.ts';
import type { TestServerInfo } from './test-server-info.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const infoFile = process.env['JABBER_TEST_SERVER_INFO'];
  if (infoFile) {
    project.provide('testServer', JSON.parse(await readFile(infoFile, 'utf8')) as TestServerInfo);
    return async () => {};
  }
  const server = await startProsody();
  project.provide('testServer', serverInfo(server));
  return () => server.stop();
}
