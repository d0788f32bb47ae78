/**
 * A message body as React elements: XEP-0393 styling (strong, emphasis, strike, code, code blocks,
 * quotations), http(s) links in text outside code, and XEP-0245 "/me" actions. Never HTML: every
 * character of the body reaches the DOM as a React text node.
 *
 * The styling directives (* _ ~ ` and the ``` fences) stay visible, inside the element they style but
 * dimmed, as the XEP recommends and Conversations and Dino do: what was typed is what is shown and
 * copied, and text that only looks like styling (a formula, a file name) loses nothing. The ">"
 * of a quotation is the one exception: the quotation's bar says it, and per-line markers cannot
 * stand beside nested blocks.
 */
import { Fragment, useMemo, type ReactNode } from 'react';
import { linkify } from '../text/linkify.ts';
import { meAction } from '../text/me-command.ts';
import { parseStyling, SPAN_DIRECTIVES, type StyledBlock, type StyledSpan } from '../text/styling.ts';

export function MessageBody({ text, senderName }: {
  text: string;
  /** Who sent it: with it, a "/me …" body is shown as that person's action. */
  senderName?: string;
}) {
  const action = senderName === undefined ? null : meAction(text);
  const blocks = useMemo(() => parseStyling(action ?? text), [action, text]);
  if (action === null) return <div className="message-body">{renderBlocks(blocks)}</div>;
  return (
    <div className="message-body message-action">
      <span className="message-action-star" aria-hidden="true">* </span>
      <span className="message-action-actor">{senderName}</span>{' '}
      {renderBlocks(blocks)}
    </div>
  );
}

/** Lines are separated by "\n" (the body keeps pre-wrap); block elements break lines themselves. */
function renderBlocks(blocks: readonly StyledBlock[]): ReactNode[] {
  return blocks.map((block, index) => {
    const newline = index > 0 && block.kind === 'line' && blocks[index - 1]!.kind === 'line' ? '\n' : null;
    return <Fragment key={index}>{newline}{renderBlock(block)}</Fragment>;
  });
}

function renderBlock(block: StyledBlock): ReactNode {
  switch (block.kind) {
    case 'line':
      return renderSpans(block.spans);
    case 'quote':
      return <blockquote className="styled-quote">{renderBlocks(block.blocks)}</blockquote>;
    case 'preformatted':
      return (
        <pre className="styled-pre">
          <code>
            <Marker text={block.fence} />
            {block.lines.map((line) => `\n${line}`).join('')}
            {block.closed && <>{'\n'}<Marker text="```" /></>}
          </code>
        </pre>
      );
  }
}

function renderSpans(spans: readonly StyledSpan[]): ReactNode[] {
  return spans.map((span, index) => <Fragment key={index}>{renderSpan(span)}</Fragment>);
}

function renderSpan(span: StyledSpan): ReactNode {
  if (span.kind === 'plain') return renderLinks(span.text);
  const directive = <Marker text={SPAN_DIRECTIVES[span.kind]} />;
  const inner = span.kind === 'preformatted' ? span.text : renderSpans(span.children);
  const content = <>{directive}{inner}{directive}</>;
  switch (span.kind) {
    case 'strong': return <strong>{content}</strong>;
    case 'emphasis': return <em>{content}</em>;
    case 'strike': return <s>{content}</s>;
    case 'preformatted': return <code>{content}</code>;
  }
}

function renderLinks(text: string): ReactNode[] {
  return linkify(text).map((segment, index) =>
    segment.kind === 'link' ? (
      <a key={index} href={segment.href} target="_blank" rel="noopener noreferrer">
        {segment.text}
      </a>
    ) : (
      <Fragment key={index}>{segment.text}</Fragment>
    ),
  );
}

function Marker({ text }: { text: string }) {
  return <span className="styling-marker">{text}</span>;
}
