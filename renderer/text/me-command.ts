/**
 * XEP-0245 The /me Command: a body that starts with "/me " (exactly: lower case, then a space) is
 * an action by its sender, shown as "* Bob waves". The body itself stays as sent.
 */

export const ME_COMMAND = '/me ';

/** The action after "/me " ("waves" for "/me waves"), or null when the body is not an action. */
export function meAction(body: string): string | null {
  return body.startsWith(ME_COMMAND) ? body.slice(ME_COMMAND.length) : null;
}
