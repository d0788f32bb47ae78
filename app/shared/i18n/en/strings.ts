/** English plural forms for the contacts, conversations, messages, tools and files texts. */
export const strings: Readonly<Record<string, string>> = {
  'idle for {{count}} days_one': 'idle for {{count}} day',
  'idle for {{count}} days_other': 'idle for {{count}} days',
  'last seen {{count}} days ago_one': 'last seen {{count}} day ago',
  'last seen {{count}} days ago_other': 'last seen {{count}} days ago',
  '{{count}} unread_one': '{{count}} unread',
  '{{count}} unread_other': '{{count}} unread',
  '{{count}} messages found._one': '{{count}} message found.',
  '{{count}} messages found._other': '{{count}} messages found.',
  '{{count}} found_one': '{{count}} found',
  '{{count}} found_other': '{{count}} found',
  '{{count}} bytes_one': '{{count}} byte',
  '{{count}} bytes_other': '{{count}} bytes',
};
