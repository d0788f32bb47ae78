/**
 * Business features against a company-style Prosody (shared groups, a user directory, service
 * administration): the directory found and searched, ad-hoc administration run by an administrator
 * and refused to anybody else, and the server's shared groups in the roster.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPeer } from '../../../../e2e/peer.ts';
import { BUSINESS_ADMIN, createAccount, startProsody, type TestServer } from '../../../../e2e/server/prosody.ts';
import type { AdHocStep } from '../../../shared/business.ts';
import type { Result } from '../../../shared/contract.ts';
import { createJabberService } from '../../service.ts';
import type { JabberService } from '../../service-types.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startProsody({ business: true });
  await createAccount(server, BUSINESS_ADMIN.username, BUSINESS_ADMIN.password);
});
afterAll(async () => {
  await server?.stop();
});

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

async function signedIn(account: { jid: string; password: string }): Promise<JabberService> {
  const service = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000, autoConnect: false });
  cleanups.push(() => service.dispose());
  const added = await service.addAccount({ jid: account.jid, password: account.password, host: server.host, port: server.c2sPort });
  if (!added.ok) throw new Error(added.error.message);
  return service;
}

const value = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};
const admin = { jid: `${BUSINESS_ADMIN.username}@example.test`, password: BUSINESS_ADMIN.password };

describe('a company server', () => {
  it('finds the user directory, shows its form, and finds a colleague by e-mail', async () => {
    const { alice, carol } = server.accounts;
    // Carol publishes her vCard (vcard-temp), which the directory searches.
    const carolPeer = await startPeer(server, carol, { resource: 'vcard' });
    cleanups.push(() => carolPeer.stop());
    const published = await carolPeer.iq(`<iq type='set'><vCard xmlns='vcard-temp'><FN>Carol Danvers</FN><N><GIVEN>Carol</GIVEN><FAMILY>Danvers</FAMILY></N><NICKNAME>cap</NICKNAME><EMAIL><USERID>carol@corp.example</USERID></EMAIL></vCard></iq>`);
    expect(published.type).toBe('result');

    const service = await signedIn(alice);
    const directory = value(await service.getDirectoryForm({ account: alice.jid }));
    expect(directory.service).toBe('example.test');
    expect(directory.form.fields.map((field) => [field.var, field.label])).toEqual([
      ['first', 'First name'], ['last', 'Last name'], ['nick', 'Nickname'], ['email', 'E-mail'],
    ]);

    // By e-mail: Prosody 0.12's mod_vjud fails (no answer; "jid.lua:36: bad argument #1 to 'match'") on any
    // search whose e-mail field is empty, so the name fields cannot be tried alone against it.
    const results = value(await service.searchDirectory({ account: alice.jid, service: directory.service, values: { email: ['corp.example'] } }));
    expect(results.entries).toEqual([{ jid: carol.jid, values: { first: 'Carol', last: 'Danvers', nick: 'cap', email: 'carol@corp.example' } }]);
    expect(results.columns.map((column) => column.label)).toEqual(['First name', 'Last name', 'Nickname', 'E-mail']);

    // Too little to search by, a field the form does not have, and no form asked for: clear errors.
    expect(await service.searchDirectory({ account: alice.jid, service: directory.service, values: { email: ['c'] } })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await service.searchDirectory({ account: alice.jid, service: directory.service, values: { password: ['x'] } })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await service.searchDirectory({ account: alice.jid, service: 'elsewhere.example', values: {} })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('lets the administrator add a user through the server\'s ad-hoc commands, step by step, and nobody else', async () => {
    const service = await signedIn(admin);
    const commands = value(await service.listCommands({ account: admin.jid }));
    const addUser = commands.find((command) => command.node === 'http://jabber.org/protocol/admin#add-user');
    expect(addUser).toMatchObject({ jid: 'example.test', name: expect.stringMatching(/add user/iu) });

    let step: AdHocStep = value(await service.executeCommand({ account: admin.jid, jid: addUser?.jid ?? '', node: addUser?.node ?? '' }));
    expect(step.status).toBe('executing');
    expect(step.form?.fields.map((field) => field.var)).toEqual(expect.arrayContaining(['accountjid', 'password']));
    const missing = await service.executeCommand({ account: admin.jid, jid: step.jid, node: step.node, sessionId: step.sessionId, action: 'complete', values: {} });
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    step = value(
      await service.executeCommand({
        account: admin.jid, jid: step.jid, node: step.node, sessionId: step.sessionId, action: 'complete',
        values: { accountjid: ['dave@example.test'], password: ['dave-secret-1'], 'password-verify': ['dave-secret-1'] },
      }),
    );
    expect(step.status).toBe('completed');
    // The new account exists: it signs in.
    await signedIn({ jid: 'dave@example.test', password: 'dave-secret-1' });

    // Alice is no administrator: the server keeps its administration to itself.
    const alice = await signedIn(server.accounts.alice);
    const hers = await alice.listCommands({ account: server.accounts.alice.jid });
    expect(hers.ok && hers.value.some((command) => command.node.includes('admin#'))).toBe(false);
    const refused = await alice.executeCommand({ account: server.accounts.alice.jid, jid: 'example.test', node: 'http://jabber.org/protocol/admin#add-user' });
    expect(refused.ok).toBe(false);
  });

  it('shows the groups the server shares as the contacts\' groups', async () => {
    const service = await signedIn(server.accounts.alice);
    const snapshot = value(await service.getSnapshot());
    const contacts = snapshot.accounts[0]?.contacts ?? [];
    expect(contacts.find((contact) => contact.jid === server.accounts.bob.jid)?.groups).toContain('Engineering');
    expect(contacts.some((contact) => contact.jid === server.accounts.carol.jid)).toBe(false); // Sales is not alice's group
  });
});
