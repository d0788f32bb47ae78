/**
 * Our own avatar, prepared in the renderer before it is published: centre-cropped to a square and
 * scaled to 256×256 on a canvas, as PNG, or as JPEG when the PNG would be too large (a photo).
 */
import { t } from '../i18n/i18n.ts';

export const AVATAR_SIZE = 256;
/** Below the core's limit for avatars (256 KiB) with room to spare: contacts download it. */
const MAX_PUBLISHED_BYTES = 120 * 1024;

export interface PreparedAvatar {
  readonly type: 'image/png' | 'image/jpeg';
  readonly base64: string;
}

function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error(t('The file could not be read.')));
    reader.readAsDataURL(blob);
  });
}

function loadImage(source: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error(t('That file is not an image this app can read.')));
    image.src = source;
  });
}

function toBlob(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob === null ? reject(new Error(t('The image could not be encoded.'))) : resolve(blob)), type, quality));
}

/** Crops and scales the chosen file; throws with a sentence for the user when it cannot. */
export async function prepareAvatar(file: Blob): Promise<PreparedAvatar> {
  // A data: URL, not a blob: one: the page's CSP allows images from data: only.
  const image = await loadImage(await readAsDataUrl(file));
  const side = Math.min(image.naturalWidth, image.naturalHeight);
  if (side === 0) throw new Error(t('That image is empty.'));
  const canvas = document.createElement('canvas');
  canvas.width = AVATAR_SIZE;
  canvas.height = AVATAR_SIZE;
  const context = canvas.getContext('2d');
  if (context === null) throw new Error(t('This browser cannot resize images.'));
  context.imageSmoothingQuality = 'high';
  context.drawImage(image, (image.naturalWidth - side) / 2, (image.naturalHeight - side) / 2, side, side, 0, 0, AVATAR_SIZE, AVATAR_SIZE);
  let blob = await toBlob(canvas, 'image/png');
  let type: PreparedAvatar['type'] = 'image/png';
  if (blob.size > MAX_PUBLISHED_BYTES) {
    // JPEG has no transparency: a white background rather than black.
    context.globalCompositeOperation = 'destination-over';
    context.fillStyle = '#fff';
    context.fillRect(0, 0, AVATAR_SIZE, AVATAR_SIZE);
    blob = await toBlob(canvas, 'image/jpeg', 0.85);
    type = 'image/jpeg';
  }
  const dataUrl = await readAsDataUrl(blob);
  return { type, base64: dataUrl.slice(dataUrl.indexOf(',') + 1) };
}
