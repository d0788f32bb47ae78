/** The main screen's polite live region: incoming messages read out (state/announcements.ts). */
import { useAnnouncement } from '../state/announcements.ts';
import { useT } from '../i18n/use-t.ts';

export function AnnouncementsContainer() {
  const t = useT();
  const text = useAnnouncement();
  return (
    <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" aria-label={t('New messages')}>
      {text}
    </div>
  );
}
