/** What is sent for a composer draft: without leading blank lines and trailing whitespace; '' means nothing to send. */
export function messageBodyOf(draft: string): string {
  const body = draft.replace(/^(?:[ \t]*\r?\n)+/u, '').trimEnd();
  return body.trim() === '' ? '' : body;
}
