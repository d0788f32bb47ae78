/**
 * A contact's picture: the avatar they published (a checked `data:` URL from the core), or their
 * initials on their XEP-0392 colour. Decorative: the name beside it is what assistive tech reads.
 */
import { memo } from 'react';
import type { AvatarImage, Jid } from '../../app/shared/contract.ts';
import { consistentColour, initials, INITIALS_LIGHTNESS } from '../avatar/consistent-colour.ts';

export const Avatar = memo(function Avatar({ avatar, jid, name, size = 'small' }: { avatar: AvatarImage | null; jid: Jid; name: string; size?: 'small' | 'large' | 'huge' }) {
  const className = `avatar avatar-${size}`;
  if (avatar !== null) return <img className={className} src={avatar.dataUrl} alt="" aria-hidden="true" draggable={false} data-avatar-hash={avatar.hash} />;
  return (
    <span className={`${className} avatar-initials`} style={{ backgroundColor: consistentColour(jid, INITIALS_LIGHTNESS) }} aria-hidden="true">
      {initials(name)}
    </span>
  );
});
