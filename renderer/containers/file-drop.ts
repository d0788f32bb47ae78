/** Files dropped on, or pasted into, a conversation are attached to it (issue 12); text and links stay as they are. */
import type { ClipboardEvent, DragEvent } from 'react';
import { attachFiles, filesOf } from '../state/files.ts';
import type { ConversationRef } from '../state/model.ts';

const carriesFiles = (event: DragEvent): boolean => [...event.dataTransfer.types].includes('Files');

export function fileDropHandlers(conversation: ConversationRef) {
  return {
    onDragOver: (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    onDrop: (event: DragEvent) => {
      const files = filesOf(event.dataTransfer);
      if (files.length === 0) return;
      event.preventDefault();
      void attachFiles(conversation, files);
    },
    onPaste: (event: ClipboardEvent) => {
      const files = filesOf(event.clipboardData);
      if (files.length === 0) return;
      event.preventDefault();
      void attachFiles(conversation, files);
    },
  };
}
