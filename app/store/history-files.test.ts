import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { historyFile, openProfileHistory } from './history-files.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
});

describe('profile history files', () => {
  it('gives each account a safe file name inside the profile', () => {
    expect(historyFile('/p', 'a*b@example.com')).toBe(path.join('/p', 'history', 'a%2Ab%40example.com.sqlite'));
  });

  it('keeps messages across closing and reopening, and serves the recent ones per conversation', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'history-files-'));
    dirs.push(dir);
    const history = openProfileHistory(dir, 'alice@example.test');
    for (let i = 0; i < 5; i += 1) {
      history.add({ id: `m${i}`, conversation: 'bob@example.test', direction: 'in', from: 'bob@example.test/x', to: 'alice@example.test/d', body: `message ${i}`, timestamp: 1000 + i });
    }
    history.close();
    const reopened = openProfileHistory(dir, 'alice@example.test');
    expect(reopened.recent(2).map((m) => m.body)).toEqual(['message 3', 'message 4']);
    expect(reopened.add({ id: 'm4', conversation: 'bob@example.test', direction: 'in', from: 'bob@example.test/x', to: 'alice@example.test/d', body: 'message 4', timestamp: 1004 })).toBe(false);
    reopened.close();
  });
});
