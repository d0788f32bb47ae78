import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../app/shared/csp.ts';
import { CONTENT_SECURITY_POLICY } from './csp.ts';

/** A policy as directive name → sources. */
function directives(policy: string): Map<string, string[]> {
  const parsed = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/u);
    if (name === undefined || name === '') continue;
    expect(parsed.has(name), `${name} given twice`).toBe(false);
    parsed.set(name.toLowerCase(), sources);
  }
  return parsed;
}

/** Sources that would let untrusted text in a message run as code, or load from anywhere. */
const UNSAFE_SOURCES = ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", "'strict-dynamic'", '*', 'http:', 'https:', 'data:', 'blob:', 'filesystem:'];

describe('the Content-Security-Policy of the Electron renderer', () => {
  const policy = directives(CONTENT_SECURITY_POLICY);

  it('denies by default, frames and objects and base and forms included', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    // No frame-src / child-src / worker-src: default-src 'none' covers them.
    for (const name of ['frame-src', 'child-src', 'worker-src', 'manifest-src', 'media-src']) expect(policy.has(name), name).toBe(false);
  });

  it('runs only our own scripts and styles: no inline code, no eval, nothing from the network', () => {
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    for (const [name, sources] of policy) {
      const allowed = name === 'img-src' ? UNSAFE_SOURCES.filter((source) => source !== 'data:') : UNSAFE_SOURCES;
      for (const source of sources) expect(allowed, `${name} ${source}`).not.toContain(source);
    }
    expect(policy.get('img-src')).toEqual(["'self'", 'data:']); // avatars are checked bytes, shown as data: URLs
  });

  it('is what renderer/index.html declares too (its meta tag may not carry frame-ancestors; the web host adds its WebSocket)', () => {
    const html = readFileSync(path.resolve(import.meta.dirname, '..', 'renderer', 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/u.exec(html)?.[1];
    expect(meta).toBeDefined();
    const declared = directives(meta ?? '');
    const expected = directives(contentSecurityPolicy(['ws://127.0.0.1:*']));
    expected.delete('frame-ancestors');
    expect(declared).toEqual(expected);
  });
});
