import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveRendererPath } from './renderer-protocol.ts';
import { isRendererUrl, RENDERER_ENTRY_URL, safeExternalUrl } from './url-policy.ts';
import { CONTENT_SECURITY_POLICY } from './csp.ts';

const root = path.resolve('/opt/jabber-desk/dist/renderer');
const inRoot = (...parts: string[]): string => path.join(root, ...parts);

describe('resolveRendererPath', () => {
  it('serves the index for the entry URL and for the bare origin', () => {
    expect(resolveRendererPath(RENDERER_ENTRY_URL, root)).toBe(inRoot('index.html'));
    expect(resolveRendererPath('app://renderer/', root)).toBe(inRoot('index.html'));
    expect(resolveRendererPath('app://renderer', root)).toBe(inRoot('index.html'));
  });

  it('serves files and subfolders inside the root, ignoring query and fragment', () => {
    expect(resolveRendererPath('app://renderer/renderer.js', root)).toBe(inRoot('renderer.js'));
    expect(resolveRendererPath('app://renderer/styles.css?v=3#x', root)).toBe(inRoot('styles.css'));
    expect(resolveRendererPath('app://renderer/fonts/Inter%20Regular.woff2', root)).toBe(inRoot('fonts', 'Inter Regular.woff2'));
  });

  it('never leaves the root, however the way out is spelled', () => {
    const attempts = [
      'app://renderer/../../etc/passwd',
      'app://renderer/%2e%2e/%2e%2e/etc/passwd',
      'app://renderer/%2E%2E/%2E%2E/etc/passwd',
      'app://renderer/.%2e/.%2e/etc/passwd',
      'app://renderer/..%2f..%2fetc%2fpasswd',
      'app://renderer/..%2F..%2Fetc%2Fpasswd',
      'app://renderer/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'app://renderer/..%5c..%5cetc%5cpasswd',
      'app://renderer/..\\..\\etc\\passwd',
      'app://renderer/%252e%252e/%252e%252e/etc/passwd',
      'app://renderer/assets/../../../etc/passwd',
      'app://renderer/%2fetc%2fpasswd',
    ];
    for (const url of attempts) {
      const resolved = resolveRendererPath(url, root);
      if (resolved !== null) {
        // The URL parser may fold `..` away; what remains must still be inside the root.
        expect(resolved.startsWith(root + path.sep), `${url} → ${resolved}`).toBe(true);
      }
    }
    expect(resolveRendererPath('app://renderer/..%2f..%2fetc%2fpasswd', root)).toBeNull();
    expect(resolveRendererPath('app://renderer/..%5c..%5cetc%5cpasswd', root)).toBeNull();
  });

  it('folds dot segments the URL parser resolves into a path still inside the root', () => {
    expect(resolveRendererPath('app://renderer/../../etc/passwd', root)).toBe(inRoot('etc', 'passwd'));
    expect(resolveRendererPath('app://renderer/%2e%2e/%2e%2e/etc/passwd', root)).toBe(inRoot('etc', 'passwd'));
  });

  it('refuses NUL bytes, malformed escapes and directory URLs', () => {
    expect(resolveRendererPath('app://renderer/index.html%00.js', root)).toBeNull();
    expect(resolveRendererPath('app://renderer/%E0%A4%A', root)).toBeNull();
    expect(resolveRendererPath('app://renderer/fonts/', root)).toBeNull();
  });

  it('refuses other hosts, schemes, ports, credentials and garbage', () => {
    expect(resolveRendererPath('app://evil/index.html', root)).toBeNull();
    expect(resolveRendererPath('app://renderer.evil/index.html', root)).toBeNull();
    expect(resolveRendererPath('app://renderer:8080/index.html', root)).toBeNull();
    expect(resolveRendererPath('app://user:pw@renderer/index.html', root)).toBeNull();
    expect(resolveRendererPath('file:///etc/passwd', root)).toBeNull();
    expect(resolveRendererPath('https://renderer/index.html', root)).toBeNull();
    expect(resolveRendererPath('not a url', root)).toBeNull();
    expect(resolveRendererPath('', root)).toBeNull();
  });
});

describe('contentTypeFor', () => {
  it('names the types the renderer bundle uses', () => {
    expect(contentTypeFor(inRoot('index.html'))).toBe('text/html; charset=utf-8');
    expect(contentTypeFor(inRoot('renderer.js'))).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor(inRoot('styles.css'))).toBe('text/css; charset=utf-8');
    expect(contentTypeFor(inRoot('icon.SVG'))).toBe('image/svg+xml');
    expect(contentTypeFor(inRoot('a.woff2'))).toBe('font/woff2');
    expect(contentTypeFor(inRoot('blob.bin'))).toBe('application/octet-stream');
    expect(contentTypeFor(inRoot('README'))).toBe('application/octet-stream');
  });
});

describe('isRendererUrl', () => {
  it('accepts our renderer and nothing else', () => {
    expect(isRendererUrl('app://renderer/index.html')).toBe(true);
    expect(isRendererUrl('app://renderer/index.html#/chat')).toBe(true);
    expect(isRendererUrl('app://renderer.evil/index.html')).toBe(false);
    expect(isRendererUrl('app://evil/index.html')).toBe(false);
    expect(isRendererUrl('app://renderer:1/index.html')).toBe(false);
    expect(isRendererUrl('https://renderer/index.html')).toBe(false);
    expect(isRendererUrl('file:///index.html')).toBe(false);
    expect(isRendererUrl('about:blank')).toBe(false);
    expect(isRendererUrl('')).toBe(false);
  });
});

describe('safeExternalUrl', () => {
  it('lets http and https links through, normalized', () => {
    expect(safeExternalUrl('https://example.com/a b')).toBe('https://example.com/a%20b');
    expect(safeExternalUrl('http://EXAMPLE.com')).toBe('http://example.com/');
  });

  it('refuses every other scheme and embedded credentials', () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'smb://server/share',
      'ms-msdt:/id PCWDiagnostic',
      'xmpp:alice@example.com',
      'app://renderer/index.html',
      'https://bank.example@evil.example/',
      'https://user:pw@example.com/',
      'not a url',
      '',
    ]) {
      expect(safeExternalUrl(url), url).toBeNull();
    }
  });
});

describe('safeExternalUrl: mailto (issue 12)', () => {
  it('hands a mail address to the mail program, and nothing that only looks like one', () => {
    expect(safeExternalUrl('mailto:alice@example.com')).toBe('mailto:alice@example.com');
    expect(safeExternalUrl('mailto:alice@example.com?subject=Hi')).toBe('mailto:alice@example.com?subject=Hi');
    for (const url of ['mailto:', 'mailto:nobody', 'mailto:a@b.example\r\nBcc: x@y.example', 'mailto:a@b/../c']) expect(safeExternalUrl(url), url).toBeNull();
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows only our own origin and no inline code', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-');
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });
});
