/** English plural forms of the group chat UI. */
export const rooms: Readonly<Record<string, string>> = {
  '{{count}} mentions_one': '{{count}} mention',
  '{{count}} mentions_other': '{{count}} mentions',
  '{{count}} people_one': '{{count}} person',
  '{{count}} people_other': '{{count}} people',
};
