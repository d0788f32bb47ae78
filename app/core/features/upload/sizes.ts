/** Sizes as people read them, and the size-limit check made before anything is uploaded. */
import { phrase } from '../../../shared/phrase.ts';
import { coreError, type CoreError } from '../../errors.ts';

/** `512 bytes`, `1.5 KB`, `12 MB`: binary units, one decimal below ten. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** The error for a file past the service's limit (null: it fits, or there is no limit). */
export function sizeLimitError(name: string, size: number, maxFileSize: number | null): CoreError | null {
  if (maxFileSize === null || size <= maxFileSize) return null;
  return coreError('file-too-large', phrase('"{{name}}" is {{size}}; your server takes files of up to {{max}}. Nothing was sent.', { name, size: formatBytes(size), max: formatBytes(maxFileSize) }));
}
