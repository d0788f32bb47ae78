/**
 * The tray icon and the Windows taskbar overlay, drawn as bitmaps (no image files to package): a disc in
 * the app's blue with a ring in the status colour, and a red dot while messages are unread. Pure: the
 * pixels are tested here; main turns them into images with `nativeImage.createFromBitmap`.
 */

export type TrayStatus = 'online' | 'away' | 'dnd' | 'invisible' | 'offline';

type Rgb = readonly [number, number, number];

const APP_BLUE: Rgb = [0x2f, 0x7d, 0xe1];
const UNREAD_RED: Rgb = [0xd9, 0x30, 0x25];
export const STATUS_COLOURS: Readonly<Record<TrayStatus, Rgb>> = {
  online: [0x2e, 0xa0, 0x43],
  away: [0xe0, 0x9b, 0x00],
  dnd: [0xc6, 0x28, 0x28],
  invisible: [0x9e, 0x9e, 0x9e],
  offline: [0x75, 0x75, 0x75],
};

export interface Bitmap {
  readonly width: number;
  readonly height: number;
  /** BGRA, premultiplied alpha, row by row: what `nativeImage.createFromBitmap` takes. */
  readonly pixels: Uint8Array;
}

/** Coverage of a disc at one pixel (2×2 supersampled, so edges are smooth enough at 16 px). */
function coverage(x: number, y: number, cx: number, cy: number, radius: number): number {
  let inside = 0;
  for (const dx of [0.25, 0.75]) for (const dy of [0.25, 0.75]) if ((x + dx - cx) ** 2 + (y + dy - cy) ** 2 <= radius ** 2) inside += 1;
  return inside / 4;
}

function paint(pixels: Uint8Array, offset: number, colour: Rgb, alpha: number): void {
  if (alpha <= 0) return;
  // "Over" compositing in premultiplied BGRA.
  const keep = 1 - alpha;
  pixels[offset] = Math.round(colour[2] * alpha + (pixels[offset] ?? 0) * keep);
  pixels[offset + 1] = Math.round(colour[1] * alpha + (pixels[offset + 1] ?? 0) * keep);
  pixels[offset + 2] = Math.round(colour[0] * alpha + (pixels[offset + 2] ?? 0) * keep);
  pixels[offset + 3] = Math.round(255 * alpha + (pixels[offset + 3] ?? 0) * keep);
}

export function drawTrayIcon(options: { readonly size: number; readonly status: TrayStatus; readonly unread: boolean }): Bitmap {
  const { size } = options;
  const pixels = new Uint8Array(size * size * 4);
  const centre = size / 2;
  const outer = size / 2 - 0.5;
  const ring = Math.max(1.5, size / 10);
  const dot = size * 0.22;
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const offset = (y * size + x) * 4;
      paint(pixels, offset, STATUS_COLOURS[options.status], coverage(x, y, centre, centre, outer));
      paint(pixels, offset, APP_BLUE, coverage(x, y, centre, centre, outer - ring));
      if (options.unread) {
        // A white-edged red dot in the top right corner.
        paint(pixels, offset, [255, 255, 255], coverage(x, y, size - dot, dot, dot));
        paint(pixels, offset, UNREAD_RED, coverage(x, y, size - dot, dot, dot - Math.max(1, size / 16)));
      }
    }
  }
  return { width: size, height: size, pixels };
}

/** The Windows taskbar overlay for unread messages: a red dot. */
export function drawUnreadOverlay(size = 16): Bitmap {
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) paint(pixels, (y * size + x) * 4, UNREAD_RED, coverage(x, y, size / 2, size / 2, size / 2 - 0.5));
  }
  return { width: size, height: size, pixels };
}

/** The pixel at (x, y) as [r, g, b, a], for tests. */
export function pixelAt(bitmap: Bitmap, x: number, y: number): readonly [number, number, number, number] {
  const offset = (y * bitmap.width + x) * 4;
  const p = bitmap.pixels;
  return [p[offset + 2] ?? 0, p[offset + 1] ?? 0, p[offset] ?? 0, p[offset + 3] ?? 0];
}
