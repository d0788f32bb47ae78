import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MessageBody } from './MessageBody.tsx';

const render = (text: string, senderName?: string): string =>
  renderToStaticMarkup(createElement(MessageBody, senderName === undefined ? { text } : { text, senderName }));

/** The markup inside the body's own <div>. */
const inner = (html: string): string => html.replace(/^<div class="message-body[^"]*">/u, '').replace(/<\/div>$/u, '');
const marker = (text: string): string => `<span class="styling-marker">${text}</span>`;

describe('MessageBody', () => {
  it('renders spans as strong, em, s and code, keeping the directives as dimmed markers', () => {
    expect(inner(render('*bold* _italic_ ~gone~ `code`'))).toBe(
      `<strong>${marker('*')}bold${marker('*')}</strong> <em>${marker('_')}italic${marker('_')}</em> `
      + `<s>${marker('~')}gone${marker('~')}</s> <code>${marker('`')}code${marker('`')}</code>`);
  });

  it('keeps HTML in the body as text', () => {
    const html = render('<b>not html</b> <img src=x onerror=alert(1)>');
    expect(html).toBe('<div class="message-body">&lt;b&gt;not html&lt;/b&gt; &lt;img src=x onerror=alert(1)&gt;</div>');
  });

  it('links http(s) URLs in text and inside styled spans, but not inside code', () => {
    expect(inner(render('see https://example.com/a'))).toBe(
      'see <a href="https://example.com/a" target="_blank" rel="noopener noreferrer">https://example.com/a</a>');
    expect(inner(render('*https://example.com*'))).toContain('<strong>' + marker('*')
      + '<a href="https://example.com/" target="_blank" rel="noopener noreferrer">https://example.com</a>');
    expect(render('`https://example.com` and\n```\nhttps://example.org\n```')).not.toContain('<a ');
  });

  it('never links javascript: URLs', () => {
    expect(render('*javascript:alert(1)*')).not.toContain('<a ');
  });

  it('renders code blocks in pre and quotations in blockquote, lines separated by newlines', () => {
    expect(inner(render('one\ntwo'))).toBe('one\ntwo');
    expect(inner(render('```js\nlet *a* = 1;\n```\nafter'))).toBe(
      `<pre class="styled-pre"><code>${marker('```js')}\nlet *a* = 1;\n${marker('```')}</code></pre>after`);
    expect(inner(render('> quoted *text*\n>> deeper\nreply'))).toBe(
      `<blockquote class="styled-quote">quoted <strong>${marker('*')}text${marker('*')}</strong>`
      + '<blockquote class="styled-quote">deeper</blockquote></blockquote>reply');
    expect(inner(render('```\n```'))).toBe(`<pre class="styled-pre"><code>${marker('```')}\n${marker('```')}</code></pre>`);
  });

  it('shows "/me" as the sender\'s action, still styled', () => {
    expect(render('/me waves *happily*', 'Bob')).toBe(
      '<div class="message-body message-action"><span class="message-action-star" aria-hidden="true">* </span>'
      + `<span class="message-action-actor">Bob</span> waves <strong>${marker('*')}happily${marker('*')}</strong></div>`);
  });

  it('shows "/me" as typed when no sender is known, and only at the very start', () => {
    expect(render('/me waves')).toBe('<div class="message-body">/me waves</div>');
    expect(render('say /me waves', 'Bob')).toBe('<div class="message-body">say /me waves</div>');
  });
});
