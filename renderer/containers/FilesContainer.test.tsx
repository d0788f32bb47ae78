import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ChatMessage, FileTransfer } from '../../app/shared/contract.ts';
import { FileCard, formatSize, TransferRow } from './FilesContainer.tsx';

const ME = 'alice@example.test';
const BOB = 'bob@example.test';
const transfer = (change: Partial<FileTransfer>): FileTransfer => ({
  account: ME, id: 't1', direction: 'upload', conversation: BOB, name: '<b>x</b>.png', size: 2048, mediaType: 'image/png', transferred: 1024, state: 'uploading', ...change,
});
const message: ChatMessage = {
  id: 'm1', conversation: BOB, direction: 'in', from: `${BOB}/phone`, to: ME, body: 'https://up.example/x.png', timestamp: 1,
  file: { url: 'https://up.example/x.png', name: '<img src=x onerror=alert(1)>.png', size: 1536, mediaType: 'image/png', hashes: [] },
};


describe('files in the conversation', () => {
  it('shows an upload as a progressbar named after the file, with Cancel; a failed one with Retry', () => {
    const html = renderToStaticMarkup(createElement(TransferRow, { transfer: transfer({}) }));
    expect(html).toContain('role="progressbar" aria-label="&lt;b&gt;x&lt;/b&gt;.png" aria-valuemin="0" aria-valuemax="100" aria-valuenow="50"');
    expect(html).toContain('>Cancel</button>');
    const failed = renderToStaticMarkup(createElement(TransferRow, { transfer: transfer({ state: 'failed', error: { code: 'transfer-failed', message: 'It broke.' } }) }));
    expect(failed).toContain('It broke.');
    expect(failed).toContain('>Retry</button>');
    expect(failed).not.toContain('>Cancel</button>');
  });

  it('shows a received image as a card without fetching it: its name and size as text, no picture', () => {
    const html = renderToStaticMarkup(createElement(FileCard, { message }));
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;.png');
    expect(html).toContain('image/png, 1.5 KB');
  });

  it('formats sizes', () => {
    expect(formatSize(900)).toBe('900 bytes');
    expect(formatSize(64 * 1024 * 1024)).toBe('64 MB');
  });
});
