/** The contact dialogs' fields, read into what the contract takes. */

/** Groups as typed in one text field: separated by commas. */
export function parseGroupList(text: string): string[] {
  return [...new Set(text.split(',').map((group) => group.trim()).filter((group) => group.length > 0))];
}
