/** English plural forms for the main process. */
export const desktop: Readonly<Record<string, string>> = {
  'Jabber Desk: {{status}} — {{count}} unread messages_one': 'Jabber Desk: {{status}} — {{count}} unread message',
  'Jabber Desk: {{status}} — {{count}} unread messages_other': 'Jabber Desk: {{status}} — {{count}} unread messages',
};
