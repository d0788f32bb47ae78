/** Starts one private Prosody for the e2e run; specs read its details from TEST_SERVER_INFO. */
import { startProsody } from './server/prosody.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const server = await startProsody();
  const { stop, ...info } = server;
  process.env.TEST_SERVER_INFO = JSON.stringify(info);
  return stop;
}
