/** What a conversation shows of files (issue 12), handed in by its container: components take props only. */
import type { ClipboardEvent, DragEvent, ReactNode } from 'react';
import type { ChatMessage } from '../../app/shared/contract.ts';

export interface FileSlots {
  /** The Attach file button, beside the message box. */
  readonly attach: ReactNode;
  /** Uploads under way (progress, Cancel, Retry), above the message box. */
  readonly transfers: ReactNode;
  /** A message's file card. */
  readonly renderFile: (message: ChatMessage) => ReactNode;
  /** Files dropped on or pasted into the conversation are attached. */
  readonly dropHandlers: {
    readonly onDragOver: (event: DragEvent) => void;
    readonly onDrop: (event: DragEvent) => void;
    readonly onPaste: (event: ClipboardEvent) => void;
  };
}
