/**
 * XEP-0392 consistent colour generation: the same JID gets the same colour in every client. SHA-1 of
 * the UTF-8 text, its first two bytes (little endian) as a hue angle, then HSLuv (saturation 100,
 * lightness 50) to sRGB. Synchronous (a small SHA-1 of our own): it runs while rendering a list.
 */

/** SHA-1 (FIPS 180-4) of some bytes. */
export function sha1(bytes: Uint8Array): Uint8Array {
  const length = bytes.length;
  const blocks = Math.ceil((length + 9) / 64);
  const padded = new Uint8Array(blocks * 64);
  padded.set(bytes);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor((length * 8) / 2 ** 32));
  view.setUint32(padded.length - 4, (length * 8) >>> 0);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Uint32Array(80);
  const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));
  for (let block = 0; block < blocks; block += 1) {
    for (let t = 0; t < 16; t += 1) w[t] = view.getUint32(block * 64 + t * 4);
    for (let t = 16; t < 80; t += 1) w[t] = rotl(w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!, 1);
    let [a, b, c, d, e] = h as [number, number, number, number, number];
    for (let t = 0; t < 80; t += 1) {
      const [f, k] = t < 20 ? [(b & c) | (~b & d), 0x5a827999] : t < 40 ? [b ^ c ^ d, 0x6ed9eba1] : t < 60 ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc] : [b ^ c ^ d, 0xca62c1d6];
      const next = (rotl(a, 5) + f + e + k + w[t]!) >>> 0;
      e = d;
      d = c;
      c = rotl(b, 30) >>> 0;
      b = a;
      a = next;
    }
    h[0] = (h[0]! + a) >>> 0;
    h[1] = (h[1]! + b) >>> 0;
    h[2] = (h[2]! + c) >>> 0;
    h[3] = (h[3]! + d) >>> 0;
    h[4] = (h[4]! + e) >>> 0;
  }
  const out = new Uint8Array(20);
  const outView = new DataView(out.buffer);
  h.forEach((word, index) => outView.setUint32(index * 4, word));
  return out;
}

/** XEP-0392 §5.1: the hue angle in degrees [0, 360). */
export function hueAngle(text: string): number {
  const digest = sha1(new TextEncoder().encode(text));
  return ((digest[0]! | (digest[1]! << 8)) / 65536) * 360;
}

// HSLuv (hsluv.org; the maths is public domain): sRGB matrix and CIELUV constants.
const M = [
  [3.240969941904521, -1.537383177570093, -0.498610760293],
  [-0.96924363628087, 1.87596750150772, 0.041555057407175],
  [0.055630079696993, -0.20397695888897, 1.056971514242878],
] as const;
const REF_U = 0.19783000664283;
const REF_V = 0.46831999493879;
const KAPPA = 903.2962962;
const EPSILON = 0.0088564516;

/** The largest chroma at this lightness and hue that stays inside sRGB. */
function maxChroma(lightness: number, hueDegrees: number): number {
  const sub1 = (lightness + 16) ** 3 / 1560896;
  const sub2 = sub1 > EPSILON ? sub1 : lightness / KAPPA;
  const hue = (hueDegrees / 360) * 2 * Math.PI;
  let best = Number.POSITIVE_INFINITY;
  for (const [m1, m2, m3] of M) {
    for (const t of [0, 1]) {
      const top1 = (284517 * m1 - 94839 * m3) * sub2;
      const top2 = (838422 * m3 + 769860 * m2 + 731718 * m1) * lightness * sub2 - 769860 * t * lightness;
      const bottom = (632260 * m3 - 126452 * m2) * sub2 + 126452 * t;
      const length = top2 / bottom / (Math.sin(hue) - (top1 / bottom) * Math.cos(hue));
      if (length >= 0) best = Math.min(best, length);
    }
  }
  return best;
}

const fromLinear = (c: number): number => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);

/** HSLuv (hue 0–360, saturation and lightness 0–100) to sRGB channels 0–1. */
export function hsluvToRgb(hueDegrees: number, saturation: number, lightness: number): [number, number, number] {
  if (lightness > 99.9999999) return [1, 1, 1];
  if (lightness < 0.00000001) return [0, 0, 0];
  const chroma = (maxChroma(lightness, hueDegrees) / 100) * saturation;
  const hue = (hueDegrees / 360) * 2 * Math.PI;
  const u = Math.cos(hue) * chroma;
  const v = Math.sin(hue) * chroma;
  const varU = u / (13 * lightness) + REF_U;
  const varV = v / (13 * lightness) + REF_V;
  const y = lightness <= 8 ? lightness / KAPPA : ((lightness + 16) / 116) ** 3;
  const x = -(9 * y * varU) / ((varU - 4) * varV - varU * varV);
  const z = (9 * y - 15 * varV * y - varV * x) / (3 * varV);
  const channel = ([a, b, c]: readonly [number, number, number]): number => Math.min(1, Math.max(0, fromLinear(a * x + b * y + c * z)));
  return [channel(M[0]), channel(M[1]), channel(M[2])];
}

const cache = new Map<string, string>();

/**
 * A background for white initials: XEP-0392's lightness 50 gives white text a contrast of about 4.49:1,
 * just under WCAG AA's 4.5:1; at 45 it is above 5:1 for every hue (HSLuv lightness is hue-independent).
 */
export const INITIALS_LIGHTNESS = 45;

/** The CSS colour (`rgb(…)`) of this text (a JID), cached: the list asks for the same ones again and again. */
export function consistentColour(text: string, lightness = 50): string {
  const key = lightness === 50 ? text : `${lightness}\n${text}`;
  let colour = cache.get(key);
  if (colour === undefined) {
    const [r, g, b] = hsluvToRgb(hueAngle(text), 100, lightness).map((channel) => Math.round(channel * 255));
    colour = `rgb(${r}, ${g}, ${b})`;
    if (cache.size > 10_000) cache.clear();
    cache.set(key, colour);
  }
  return colour;
}

/** One or two letters for a picture-less contact: the first letters of the first two words of the name. */
export function initials(name: string): string {
  const words = name.trim().split(/[\s@._-]+/u).filter((word) => word.length > 0);
  const letters = words.slice(0, 2).map((word) => Array.from(word)[0] ?? '');
  return letters.join('').toLocaleUpperCase() || '?';
}
