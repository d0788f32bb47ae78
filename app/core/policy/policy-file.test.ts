import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicyText } from '../../contract/policy-schema.ts';
import { loadPolicy, policyArgument, readPolicyFile, systemPolicyPath } from './policy-file.ts';

const CA = readFileSync(path.join(import.meta.dirname, '..', 'stream', 'fixtures', 'test-ca.pem'), 'utf8');
const LEAF = readFileSync(path.join(import.meta.dirname, '..', 'stream', 'fixtures', 'test-leaf.pem'), 'utf8');

function policyDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'policy-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const messageOf = (text: string): string => {
  const parsed = parsePolicyText(text);
  if (parsed.ok) throw new Error('expected a failure');
  expect(parsed.error.code).toBe('policy-invalid');
  return parsed.error.message;
};

describe('the policy file schema', () => {
  it('accepts a full policy and fills the defaults', () => {
    const parsed = parsePolicyText(JSON.stringify({
      domain: 'Example.COM', server: 'xmpp.example.com', port: 5222, otherAccounts: false,
      proxy: { type: 'http', host: 'proxy.example.com', port: 3128 }, savePasswords: false, fileUpload: false,
      updates: { channel: 'beta', url: 'https://updates.example.com/jabber-desk/' },
    }));
    expect(parsed).toEqual({
      ok: true,
      value: {
        domain: 'example.com', server: 'xmpp.example.com', port: 5222, otherAccounts: false,
        proxy: { type: 'http', host: 'proxy.example.com', port: 3128 }, savePasswords: false, fileUpload: false,
        updates: { enabled: true, channel: 'beta', url: 'https://updates.example.com/jabber-desk/' },
      },
    });
  });

  it('locks nothing in an empty policy', () => {
    expect(parsePolicyText('{}')).toEqual({ ok: true, value: { otherAccounts: true, savePasswords: true, fileUpload: true } });
  });

  it('says what is wrong, setting by setting', () => {
    expect(messageOf('{ "domain": "example.com", ')).toMatch(/^it is not valid JSON/u);
    expect(messageOf('[]')).toBe('it must hold one JSON object ({ … })');
    expect(messageOf('{ "savePassword": false }')).toMatch(/savePassword/u); // a misspelt lock is not ignored
    expect(messageOf('{ "domain": "example.com", "port": 70000 }')).toBe('port: must be from 1 to 65535');
    expect(messageOf('{ "domain": "example.com", "port": "5222" }')).toBe('port: must be a number');
    expect(messageOf('{ "domain": "example.com", "proxy": { "type": "ftp", "host": "p", "port": 1 } }')).toMatch(/proxy/u);
    expect(messageOf('{ "savePasswords": "no" }')).toBe('savePasswords: must be true or false');
    expect(messageOf('{ "updates": { "url": "file:///etc/passwd" } }')).toBe('updates.url: must be an http(s) address of an update server');
    expect(messageOf('{ "server": "xmpp.example.com" }')).toBe('server: needs "domain" (the accounts it is the server of)');
    expect(messageOf('{ "otherAccounts": false }')).toMatch(/^otherAccounts: needs "domain"/u);
    expect(messageOf('{ "domain": "a b" }')).toMatch(/^domain: must be a host name/u);
  });
});

describe('reading the policy file', () => {
  it('has one system-wide place per OS', () => {
    expect(systemPolicyPath('linux')).toBe('/etc/jabber-desk/policy.json');
    expect(systemPolicyPath('darwin')).toBe('/Library/Application Support/JabberDesk/policy.json');
    expect(systemPolicyPath('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\JabberDesk\\policy.json');
    expect(systemPolicyPath('win32')).toBe('C:\\ProgramData\\JabberDesk\\policy.json');
  });

  it('finds --policy on a command line', () => {
    expect(policyArgument(['electron', '.', '--policy', '/tmp/p.json'])).toBe('/tmp/p.json');
    expect(policyArgument(['node', 'web-host.js', '--policy=/tmp/p.json'])).toBe('/tmp/p.json');
    expect(policyArgument(['node', 'web-host.js'])).toBeUndefined();
  });

  it('reads the company CA from the file beside the policy', () => {
    const dir = policyDir({ 'policy.json': JSON.stringify({ domain: 'example.com', certificateAuthorityFile: 'ca.pem' }), 'ca.pem': CA });
    const state = readPolicyFile(path.join(dir, 'policy.json'));
    expect(state).toMatchObject({ state: 'active', policy: { domain: 'example.com', certificateAuthority: { subject: expect.stringContaining('Test Company CA') } } });
  });

  it('refuses a CA that is not an authority, or a missing CA file, with a clear message', () => {
    const dir = policyDir({
      'leaf.json': JSON.stringify({ domain: 'example.com', certificateAuthority: LEAF }),
      'missing.json': JSON.stringify({ domain: 'example.com', certificateAuthorityFile: 'nowhere.pem' }),
    });
    const leaf = readPolicyFile(path.join(dir, 'leaf.json'));
    expect(leaf.state).toBe('invalid');
    expect(leaf.state === 'invalid' ? leaf.message : '').toMatch(/certificateAuthority: This certificate is not a certificate authority/u);
    const missing = readPolicyFile(path.join(dir, 'missing.json'));
    expect(missing.state === 'invalid' ? missing.message : '').toMatch(/certificateAuthorityFile: .*nowhere\.pem cannot be read/u);
  });

  it('prefers the system-wide file to --policy, and reports a broken or missing file as invalid, never as none', () => {
    const dir = policyDir({ 'system.json': '{ "fileUpload": false }', 'mine.json': '{}', 'broken.json': '{ "port": ' });
    const system = loadPolicy({ systemPath: path.join(dir, 'system.json'), commandLinePath: path.join(dir, 'mine.json') });
    expect(system.policy).toMatchObject({ state: 'active', source: path.join(dir, 'system.json'), policy: { fileUpload: false } });
    expect(system.warning).toMatch(/--policy .* is ignored/u);
    const mine = loadPolicy({ systemPath: path.join(dir, 'absent.json'), commandLinePath: path.join(dir, 'mine.json') });
    expect(mine).toEqual({ policy: { state: 'active', source: path.join(dir, 'mine.json'), policy: { otherAccounts: true, savePasswords: true, fileUpload: true } }, warning: null });
    expect(loadPolicy({ systemPath: path.join(dir, 'absent.json') }).policy).toEqual({ state: 'none' });
    const broken = loadPolicy({ systemPath: path.join(dir, 'broken.json') }).policy;
    expect(broken).toMatchObject({ state: 'invalid', message: expect.stringMatching(/broken\.json\) cannot be used: it is not valid JSON/u) });
    const absent = loadPolicy({ systemPath: path.join(dir, 'absent.json'), commandLinePath: path.join(dir, 'typo.json') }).policy;
    expect(absent).toMatchObject({ state: 'invalid', message: expect.stringContaining('the file does not exist') });
  });
});
