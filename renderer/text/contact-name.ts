/**
 * A name someone else chose (a directory entry's), made one the contact commands accept: the core
 * refuses control characters and names longer than 256 UTF-16 units (app/core/contacts-input.ts), so
 * a hostile or merely odd entry ("Ann\tLee", a 1,000-character name) could otherwise not be added.
 */

/** The core's MAX_CONTACT_NAME_LENGTH (the renderer may not import app/core). */
export const MAX_CONTACT_NAME_LENGTH = 256;

// eslint-disable-next-line no-control-regex -- control characters are what is replaced
const CONTROL_OR_SPACE_RUN = /[\s\u0000-\u001f\u007f]+/gu;

/** Control characters and runs of white space become one space; cut to the limit without splitting a surrogate pair. */
export function usableContactName(text: string): string {
  const flat = text.replace(CONTROL_OR_SPACE_RUN, ' ').trim();
  if (flat.length <= MAX_CONTACT_NAME_LENGTH) return flat;
  const cut = /[\uD800-\uDBFF]/u.test(flat[MAX_CONTACT_NAME_LENGTH - 1]!) ? MAX_CONTACT_NAME_LENGTH - 1 : MAX_CONTACT_NAME_LENGTH;
  return flat.slice(0, cut).trimEnd();
}
