/**
 * Core benchmarks against a real Prosody on loopback (started here, stopped at the end):
 *  - sign-in: TCP + STARTTLS + SCRAM (native PBKDF2) + bind + roster + initial presence, median of N;
 *  - answering IQs: a peer fires 1,000 disco#info queries at a signed-in session (what a cold server's
 *    PEP services do at sign-in for a 1,000-contact roster); time until every answer is back, median of rounds.
 * Run: npm run bench
 */
import os from 'node:os';
import { startPeer } from '../e2e/peer.ts';
import { startProsody } from '../e2e/server/prosody.ts';
import { createJabberService } from '../app/core/service.ts';
import { median } from './support.ts';

const SIGN_INS = 15;
const QUERY_ROUNDS = 5;
const QUERIES = 1_000;


const server = await startProsody();
try {
  const { alice, bob } = server.accounts;
  const signInMs: number[] = [];
  for (let i = 0; i < SIGN_INS; i += 1) {
    const service = createJabberService({ trustedCertificates: [server.caCertPem] });
    const started = performance.now();
    const result = await service.addAccount({ jid: alice.jid, password: alice.password, host: server.host, port: server.c2sPort });
    if (!result.ok) throw new Error(result.error.message);
    signInMs.push(performance.now() - started);
    await service.dispose();
  }

  const service = createJabberService({ trustedCertificates: [server.caCertPem] });
  const signedIn = await service.addAccount({ jid: alice.jid, password: alice.password, host: server.host, port: server.c2sPort });
  if (!signedIn.ok) throw new Error(signedIn.error.message);
  const peer = await startPeer(server, bob, { resource: 'bench' });
  const roundMs: number[] = [];
  for (let round = 0; round < QUERY_ROUNDS; round += 1) {
    const started = performance.now();
    const replies = await Promise.all(
      Array.from({ length: QUERIES }, () => peer.iq(`<iq type='get' to='${signedIn.value.jid}'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>`, 60_000)),
    );
    roundMs.push(performance.now() - started);
    if (replies.some((reply) => reply.type !== 'result')) throw new Error('a disco#info query was not answered with a result');
  }
  await peer.stop();
  await service.dispose();

  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  console.log(`sign-in (STARTTLS + SCRAM + bind + roster + presence), median of ${SIGN_INS}: ${median(signInMs).toFixed(1)} ms`);
  console.log(`${QUERIES} disco#info queries answered (round trip through Prosody), median of ${QUERY_ROUNDS}: ${median(roundMs).toFixed(1)} ms`);
} finally {
  await server.stop();
}
