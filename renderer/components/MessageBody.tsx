/** A message body as React text nodes and safe links. Never HTML. */
import { useMemo } from 'react';
import { linkify } from '../text/linkify.ts';

export function MessageBody({ text }: { text: string }) {
  const segments = useMemo(() => linkify(text), [text]);
  return (
    <p className="message-body">
      {segments.map((segment, index) =>
        segment.kind === 'link' ? (
          <a key={index} href={segment.href} target="_blank" rel="noopener noreferrer">
            {segment.text}
          </a>
        ) : (
          segment.text
        ),
      )}
    </p>
  );
}
