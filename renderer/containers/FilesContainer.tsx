/**
 * Files in a conversation (issue 12): the **Attach file** button (with the server's size limit shown before
 * uploading), each upload's progress (`role="progressbar"` named after the file, with **Cancel**, and **Retry**
 * after a failure), and file cards: name, size and type; a thumbnail only from bytes we hold (our own upload,
 * or after the user fetched the file with **Show**); **Download** saves where the user chooses.
 */
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AppError, ChatMessage, FileTransfer } from '../../app/shared/contract.ts';
import {
  attachFiles, cancelTransfer, conversationKey, dismissTransfer, downloadAndSave, fetchFile, isPreviewable, loadUploadService, previewKey, retryUpload, useFilesStore,
} from '../state/files.ts';
import type { ConversationRef } from '../state/model.ts';
import { useJabberStore } from '../state/store.ts';
import { ErrorDetails } from '../components/ErrorDetails.tsx';
import type { FileSlots } from '../components/file-slots.ts';
import { fileDropHandlers } from './file-drop.ts';
import { currentLanguage, t } from '../i18n/i18n.ts';
import { errorText } from '../text/error-text.ts';
import { numberFormat } from '../text/intl.ts';
import { locale } from '../text/time.ts';
import { useT } from '../i18n/use-t.ts';

/** `512 bytes`, `1.5 KB`, `12 MB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return t('{{count}} bytes', { count: bytes });
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = value < 10 ? 1 : 0;
  const number = numberFormat(locale(currentLanguage()), { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(value);
  return `${number} ${units[unit]}`;
}

export function AttachFileButton({ conversation }: { conversation: ConversationRef }) {
  useT();
  const input = useRef<HTMLInputElement>(null);
  const service = useFilesStore((state) => state.services[conversation.account]);
  useEffect(() => {
    void loadUploadService(conversation.account);
  }, [conversation.account]);
  const limit = service === undefined ? '' : !service.available ? t('Your server offers no file upload.') : service.maxFileSize === null ? t('Files of any size.') : t('Files up to {{size}}.', { size: formatSize(service.maxFileSize) });
  const hintId = `attach-hint-${conversation.account}-${conversation.peer}`.replace(/[^A-Za-z0-9_-]/gu, '_');
  const picked = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    if (files.length > 0) void attachFiles(conversation, files);
  };
  return (
    <span className="attach">
      <button type="button" className="secondary attach-button" aria-label={t('Attach file')} aria-describedby={hintId} disabled={service?.available === false} onClick={() => input.current?.click()}>
        📎
      </button>
      <span id={hintId} className="attach-hint">{limit}</span>
      <input ref={input} type="file" multiple hidden tabIndex={-1} aria-hidden="true" onChange={picked} />
    </span>
  );
}

/** Uploads of this conversation under way or failed, and the last refusal of an attached file. */
export function TransferList({ conversation }: { conversation: ConversationRef }) {
  useT();
  const transfers = useFilesStore(useShallow((state) => Object.values(state.transfers).filter((transfer) =>
    transfer.account === conversation.account && transfer.conversation === conversation.peer && transfer.direction === 'upload' && transfer.state !== 'done' && transfer.state !== 'cancelled')));
  const refusal = useFilesStore((state) => state.attachErrors[conversationKey(conversation)]);
  if (transfers.length === 0 && refusal === undefined) return null;
  return (
    <div className="transfers">
      {refusal !== undefined && (
        <div className="alert" role="alert">
          <p className="alert-message">{t('The file was not sent.')}</p>
          <ErrorDetails error={refusal} />
        </div>
      )}
      {transfers.map((transfer) => <TransferRow key={transfer.id} transfer={transfer} />)}
    </div>
  );
}

export function TransferRow({ transfer }: { transfer: FileTransfer }) {
  useT();
  const failed = transfer.state === 'failed';
  const percent = transfer.size === 0 ? 0 : Math.round((transfer.transferred / transfer.size) * 100);
  return (
    <div className={`transfer transfer-${transfer.state}`}>
      <span className="transfer-name">{transfer.name}</span>
      <div
        className="transfer-bar"
        role="progressbar"
        aria-label={transfer.name}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={failed ? t('Failed') : t('{{percent}}% of {{size}}', { percent, size: formatSize(transfer.size) })}
      >
        <span className="transfer-fill" style={{ width: `${percent}%` }} />
      </div>
      {failed ? (
        <>
          <span className="transfer-error" role="alert">{transfer.error !== undefined ? errorText(transfer.error) : t('The upload failed.')}</span>
          <button type="button" className="link-button" onClick={() => void retryUpload(transfer)}>{t('Retry')}</button>
          <button type="button" className="link-button" onClick={() => dismissTransfer(transfer)}>{t('Dismiss')}</button>
        </>
      ) : (
        <button type="button" className="link-button" onClick={() => void cancelTransfer(transfer)}>{t('Cancel')}</button>
      )}
    </div>
  );
}

/** A message's file: a card with name, size and type; its thumbnail when we hold its bytes. */
export function FileCard({ message }: { message: ChatMessage }) {
  useT();
  const file = message.file!;
  const account = useJabberStore((state) => state.active?.account);
  const preview = useFilesStore((state) => (account === undefined ? undefined : state.previews[previewKey(account, message.id)]));
  // A download under way: its progress, with Cancel.
  const downloading = useFilesStore((state) => Object.values(state.transfers).find((transfer) =>
    transfer.account === account && transfer.direction === 'download' && transfer.messageId === message.id && transfer.state === 'downloading'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const image = isPreviewable(file.mediaType);
  const run = async (work: () => Promise<AppError | null>) => {
    setBusy(true);
    setError(await work());
    setBusy(false);
  };
  const details = [file.mediaType ?? t('Unknown type'), file.size === undefined ? null : formatSize(file.size)].filter(Boolean).join(', ');
  return (
    <figure className="file-card" aria-label={t('File {{name}}', { name: file.name })}>
      {preview !== undefined && <img className="file-thumbnail" src={preview} alt={file.name} />}
      <figcaption>
        <span className="file-name">{file.name}</span> <span className="file-details">{details}</span>
      </figcaption>
      {account !== undefined && (
        <div className="file-actions">
          {image && preview === undefined && (
            <button type="button" className="link-button" disabled={busy} onClick={() => void run(async () => {
              const fetched = await fetchFile(account, message);
              return fetched.ok ? null : fetched.error;
            })}>
              {t('Show')}
            </button>
          )}
          <button type="button" className="link-button" disabled={busy} onClick={() => void run(() => downloadAndSave(account, message))}>
            {t('Download')}
          </button>
        </div>
      )}
      {downloading !== undefined && <TransferRow transfer={downloading} />}
      {error !== null && (
        <div className="alert" role="alert">
          <ErrorDetails error={error} />
        </div>
      )}
    </figure>
  );
}

/** Everything a conversation shows of files, for ConversationView's `files` prop. */
export function fileSlotsFor(conversation: ConversationRef): FileSlots {
  return {
    attach: <AttachFileButton conversation={conversation} />,
    transfers: <TransferList conversation={conversation} />,
    renderFile: (message) => <FileCard message={message} />,
    dropHandlers: fileDropHandlers(conversation),
  };
}
