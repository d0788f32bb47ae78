/**
 * The user directory as ejabberd 23.01 serves it: a component (vjud.<domain>) found through service
 * discovery, a XEP-0004 data form to fill (FORM_TYPE and all), and results as a data-form table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPeer } from '../../../../e2e/peer.ts';
import { startEjabberd, type EjabberdServer } from '../../../../e2e/server/ejabberd.ts';
import type { Result } from '../../../shared/contract.ts';
import { createJabberService } from '../../service.ts';

let server: EjabberdServer;
beforeAll(async () => {
  server = await startEjabberd({ websocket: true });
}, 120_000);
afterAll(async () => {
  await server?.stop();
}, 60_000);

const value = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};

describe('the user directory on ejabberd (data forms)', () => {
  it('finds the directory component, fills its data form, and reads the result table', async () => {
    const { alice, bob } = server.accounts;
    const bobPeer = await startPeer({ domain: server.domain, websocketUrl: server.websocketUrl ?? '' }, bob, { resource: 'vcard' });
    try {
      const stored = await bobPeer.iq(`<iq type='set'><vCard xmlns='vcard-temp'><FN>Robert Builder</FN><N><GIVEN>Robert</GIVEN><FAMILY>Builder</FAMILY></N><NICKNAME>bob</NICKNAME></vCard></iq>`);
      expect(stored.type).toBe('result');
    } finally {
      await bobPeer.stop();
    }

    const service = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 10_000, autoConnect: false });
    try {
      value(await service.addAccount({ jid: alice.jid, password: alice.password, host: server.host, port: server.c2sPort }));
      const directory = value(await service.getDirectoryForm({ account: alice.jid }));
      expect(directory.service).toBe(`vjud.${server.domain}`);
      // A data form: its hidden FORM_TYPE is kept for the submission, the rest is shown.
      // A data form (not the four legacy fields): its own fields and labels, as the server sent them.
      expect(directory.form.title).toMatch(/vjud/u);
      expect(directory.form.fields.find((field) => field.var === 'last')).toMatchObject({ type: 'text-single', label: 'Family Name' });
      expect(directory.form.fields.map((field) => field.var)).toEqual(expect.arrayContaining(['user', 'fn', 'orgname', 'email']));

      const results = value(await service.searchDirectory({ account: alice.jid, service: directory.service, values: { last: ['Builder'] } }));
      expect(results.entries.map((entry) => entry.jid)).toEqual([bob.jid]);
      expect(Object.values(results.entries[0]?.values ?? {})).toContain('Robert Builder');
      expect(results.columns.length).toBeGreaterThan(0);
    } finally {
      await service.dispose();
    }
  });
});
