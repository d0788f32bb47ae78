// What the policy locks on the sign-in screen and in the password prompt, as drawn (issue 11 item 8).
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../app/shared/contract.ts';
import type { ManagedPolicy, PolicyState } from '../../app/shared/policy.ts';
import { PasswordPrompt } from './PasswordPrompt.tsx';
import { SignInScreen, type SignInCommands } from './SignInScreen.tsx';

const signedIn = async (): Promise<Result<unknown>> => ({ ok: true, value: null });
const commands: SignInCommands = { addAccount: async () => ({ ok: true, value: null }), trustCertificate: async () => ({ ok: true, value: null }) };
const active = (policy: Partial<ManagedPolicy>): PolicyState => ({ state: 'active', source: '/etc/jabber-desk/policy.json', policy: { otherAccounts: true, savePasswords: true, fileUpload: true, ...policy } });

/** The opening tag of the control a label names. */
function control(html: string, label: string): string {
  const labelled = new RegExp(`<label for="([^"]+)">${label}</label>`, 'u').exec(html);
  expect(labelled, label).not.toBeNull();
  const tag = new RegExp(`<(?:input|select)[^>]*id="${labelled?.[1] ?? ''}"[^>]*>`, 'u').exec(html);
  expect(tag, label).not.toBeNull();
  return tag?.[0] ?? '';
}

describe('a proxy the policy sets', () => {
  it('shows its server and port locked, and lets the user give the proxy’s user name and password', () => {
    const html = renderToStaticMarkup(createElement(SignInScreen, { signingIn: false, signInError: null, commands, policy: active({ proxy: { type: 'http', host: 'proxy.corp.example', port: 3128 } }) }));
    expect(control(html, 'Proxy server')).toContain('disabled');
    expect(control(html, 'Proxy server')).toContain('value="proxy.corp.example"');
    expect(control(html, 'Proxy port')).toContain('value="3128"');
    expect(control(html, 'Proxy')).toContain('disabled');
    expect(control(html, 'Proxy server')).toMatch(/aria-describedby="[^"]+-proxy-managed"/u);
    expect(control(html, 'Proxy user name')).not.toContain('disabled');
    expect(control(html, 'Proxy password')).not.toContain('disabled');
    expect(html).toContain('Managed by your organisation');
  });

  it('offers no proxy fields where the policy says direct', () => {
    const html = renderToStaticMarkup(createElement(SignInScreen, { signingIn: false, signInError: null, commands, policy: active({ proxy: null }) }));
    expect(html).not.toContain('Proxy server');
    expect(html).toContain('none (direct connection)');
  });
});

describe('the password prompt under a policy that saves no passwords', () => {
  it('has Remember password off, disabled and described as managed', () => {
    const html = renderToStaticMarkup(createElement(PasswordPrompt, { account: 'alice@corp.example', onSignIn: signedIn, onClose: () => {}, savingLocked: true }));
    expect(html).toMatch(/<input type="checkbox" disabled="" aria-describedby="[^"]+-remember-managed"\/>/u);
    expect(html).toContain('Managed by your organisation');
    const free = renderToStaticMarkup(createElement(PasswordPrompt, { account: 'alice@corp.example', onSignIn: signedIn, onClose: () => {} }));
    expect(free).toContain('<input type="checkbox" checked=""/>');
  });
});
