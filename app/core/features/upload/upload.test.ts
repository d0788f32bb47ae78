import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkHashes } from './upload.ts';
import { formatBytes, sizeLimitError } from './sizes.ts';

describe('size limit', () => {
  it('refuses a file past the limit with a sentence naming both sizes', () => {
    const error = sizeLimitError('big.iso', 12 * 1024 * 1024, 10 * 1024 * 1024);
    expect(error?.appError.code).toBe('file-too-large');
    expect(error?.appError.message).toBe('"big.iso" is 12 MB; your server takes files of up to 10 MB. Nothing was sent.');
    expect(sizeLimitError('ok.txt', 10, 10)).toBeNull();
    expect(sizeLimitError('any.bin', 10 ** 9, null)).toBeNull();
  });

  it('formats sizes', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});

describe('hash check (XEP-0300)', () => {
  const bytes = Buffer.from('hello file');
  const sha256 = createHash('sha256').update(bytes).digest('base64');
  it('matches, mismatches, or cannot tell', () => {
    expect(checkHashes(bytes, [{ algo: 'sha-256', value: sha256 }])).toBe('match');
    expect(checkHashes(Buffer.from('hello filf'), [{ algo: 'sha-256', value: sha256 }])).toBe('mismatch');
    expect(checkHashes(bytes, [{ algo: 'sha-256', value: sha256 }, { algo: 'sha-512', value: 'AAAA' }])).toBe('mismatch');
    expect(checkHashes(bytes, [])).toBe('unchecked');
    expect(checkHashes(bytes, [{ algo: 'blake2b-256', value: 'AAAA' }])).toBe('unchecked');
    expect(checkHashes(bytes, [{ algo: 'sha-1', value: createHash('sha1').update(bytes).digest('base64') }])).toBe('unchecked');
  });
});
