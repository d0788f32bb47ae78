/**
 * Who may call the contract over IPC (Electron security checklist #17): our window's main frame,
 * and only that. No Electron value import, so a unit test drives it with stand-in frames.
 */
import type { WebFrameMain } from 'electron';
import type { SenderCheck } from './ipc.ts';
import { isRendererUrl } from './url-policy.ts';

/**
 * `ourMainFrame` answers our window's main frame, or null while there is no window. A sender is
 * trusted when it is that very frame (same frame tree node, process and routing id), has no
 * parent, is still attached, and shows `app://renderer/`.
 */
export function trustedSenderCheck(ourMainFrame: () => WebFrameMain | null): SenderCheck {
  return (frame) => {
    if (frame === null || frame === undefined) return false;
    try {
      const ours = ourMainFrame();
      return (
        ours !== null &&
        !frame.detached &&
        frame.parent === null &&
        frame.frameTreeNodeId === ours.frameTreeNodeId &&
        frame.processId === ours.processId &&
        frame.routingId === ours.routingId &&
        isRendererUrl(frame.url)
      );
    } catch {
      return false; // a frame disposed while we looked at it
    }
  };
}
