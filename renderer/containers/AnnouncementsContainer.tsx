/** The main screen's polite live region: incoming messages read out (state/announcements.ts). */
import { useAnnouncement } from '../state/announcements.ts';

export function AnnouncementsContainer() {
  const text = useAnnouncement();
  return (
    <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" aria-label="New messages">
      {text}
    </div>
  );
}
