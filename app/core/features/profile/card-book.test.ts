import { describe, expect, it } from 'vitest';
import { createCardBook } from './card-book.ts';

const avatar = (hash: string) => ({ hash, type: 'image/png' as const, dataUrl: `data:image/png;base64,${hash}` });

describe('card book', () => {
  it('tells only changes, and lists cards with something to show', () => {
    const book = createCardBook();
    expect(book.set('bob@example.test', { avatar: avatar('a1'), nickname: '' })).toBe(true);
    expect(book.set('bob@example.test', { avatar: avatar('a1'), nickname: '' })).toBe(false);
    expect(book.set('bob@example.test', { avatar: avatar('a1'), nickname: 'Bobby' })).toBe(true);
    expect(book.set('carol@example.test', { avatar: null, nickname: '' })).toBe(true);
    expect(Object.keys(book.all())).toEqual(['bob@example.test']);
    book.clear();
    expect(book.all()).toEqual({});
  });
});
