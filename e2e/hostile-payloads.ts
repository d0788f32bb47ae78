/**
 * XSS payloads for the hostile-content e2e spec: classic vectors, each made deterministic from a seed
 * (letter case, separators, how the trap is called), each starting with its own marker (`XSS-07`) so
 * the page can be searched for it, and each calling the page's trap `__pwned(n)` (or `alert(n)`) so
 * any execution is counted.
 *
 * What a payload is on the wire is not always what was written: XML 1.0 cannot carry NUL, most C0
 * controls, U+FFFE/U+FFFF or lone surrogates (a real server closes the stream), so `onTheWire` puts
 * U+FFFD in their place, as the UTF-8 encoder does for a lone surrogate anyway; and an XML parser turns
 * CR and CRLF into LF in text, and tab, CR and LF into spaces in attribute values.
 */
import { seededRandom } from './seeded-random.ts';

export const PAYLOAD_SEED = 0x5eed_0393;

export interface Payload {
  /** 1-based, the number the payload's trap call passes. */
  readonly id: number;
  /** `XSS-07`: starts the payload's text, unique to it. */
  readonly marker: string;
  /** What the peer sends (before `onTheWire`). */
  readonly text: string;
  /** The family of vector, for the report. */
  readonly kind: string;
}

/** `{call}` is replaced by a trap call, `{tag:name}` by the tag name in a seeded mix of cases, `{sp}` by a separator. */
const TEMPLATES: readonly (readonly [kind: string, template: string])[] = [
  ['script element', '<{tag:script}>{call}</{tag:script}>'],
  ['img onerror', '<{tag:img}{sp}src=x{sp}onerror={call}>'],
  ['svg onload', '<{tag:svg}{sp}onload={call}>'],
  ['script in svg', '<svg><{tag:script}>{call}</{tag:script}></svg>'],
  ['attribute breakout (double quote)', '"><{tag:img} src=x onerror={call}>'],
  ['attribute breakout (single quote)', "'><{tag:svg}/onload={call}>"],
  ['attribute breakout (unquoted)', 'x onmouseover={call} autofocus onfocus={call} '],
  ['textarea breakout', '</textarea><{tag:script}>{call}</{tag:script}>'],
  ['title breakout', '</title><{tag:script}>{call}</{tag:script}>'],
  ['style breakout', '</style><{tag:img} src=x onerror={call}>'],
  ['iframe javascript: src', '<{tag:iframe} src="javascript:{call}"></iframe>'],
  ['iframe srcdoc', '<{tag:iframe} srcdoc="<script>parent.{call}</script>"></iframe>'],
  ['bare javascript: URL', 'javascript:{call}'],
  ['javascript:alert(1)', 'javascript:alert(1) see javascript://%0aalert(1)'],
  ['URL with quote breakout', 'http://x"onmouseover={call}"style="position:fixed;inset:0"'],
  ['https URL with tag breakout', 'https://x.invalid/"><{tag:script}>{call}</{tag:script}>'],
  ['anchor with javascript: href', '<a href="javascript:{call}">click me</a>'],
  ['body onload', '<{tag:body}{sp}onload={call}>'],
  ['details ontoggle', '<details open ontoggle={call}>'],
  ['input autofocus onfocus', '<{tag:input} autofocus onfocus={call}>'],
  ['mXSS math/style', '<math><mtext><table><mglyph><style><{tag:img} src=x onerror={call}>'],
  ['template content', '<template><{tag:img} src=x onerror={call}></template>'],
  ['HTML entities', '&lt;img src=x onerror={call}&gt; &#60;script&#62;{call}&#60;/script&#62; &amp;'],
  ['numeric entities', '&#x3C;svg onload={call}&#x3E; &#0000060;script&#0000062;'],
  ['template injection', '{{constructor.constructor("{call}")()}} ${{call}} #{{call}} <%= {call} %>'],
  ['CSS url(javascript:)', '<div style="background:url(javascript:{call})">x</div>'],
  ['CSS expression', '<div style="width:expression({call})">x</div> <style>@import "javascript:{call}";</style>'],
  ['object data: HTML', '<object data="data:text/html,<script>{call}</script>"></object>'],
  ['embed SVG data URL', '<embed src="data:image/svg+xml,<svg onload={call}>">'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:{call}">'],
  ['base href', '<base href="javascript:{call}//">'],
  ['link import', '<link rel=import href="data:text/html,<script>{call}</script>">'],
  ['noscript breakout', '<noscript><p title="</noscript><{tag:img} src=x onerror={call}>">'],
  ['xmp/plaintext', '<xmp><img src=x onerror={call}></xmp><plaintext>'],
  ['CDATA and XML breakout', '<![CDATA[<script>{call}</script>]]> ]]></body></message><script>{call}</script>'],
  ['RTL override', '\u202Egnp.exe<\u202D{call}\u2066<img src=x onerror={call}>\u2069\u200F'],
  ['zero-width and BOM', '<scr\u200Bipt>{call}</scr\u200Bipt>\uFEFF<\u200Dimg src=x onerror={call}>'],
  ['fullwidth brackets', '\uFF1Cscript\uFF1E{call}\uFF1C/script\uFF1E'],
  ['NUL and control characters', '<img\u0000src=x\u0001onerror={call}>\u0007\u001B[31m\u007F\u0085\u009B\u0008'],
  ['invalid surrogates', '\uD800<svg onload={call}>\uDFFF\uDBFF'],
  ['split across lines', '<img\r\nsrc=x\r\nonerror={call}>\n<script>\n{call}\n</script>'],
  ['very long string', '<img src=x onerror={call}>{long}'],
  ['event handler with entities', '<img src=x onerror="&#95;&#95;pwned&#40;{id}&#41;">'],
  ['data: URL in text', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg== and vbscript:msgbox(1)'],
];

const CALL_FORMS: readonly ((id: number) => string)[] = [
  (id) => `__pwned(${id})`,
  (id) => `window.__pwned(${id})`,
  (id) => `top['__pwned'](${id})`,
  (id) => `alert(${id})`,
  (id) => `self[atob('X19wd25lZA==')](${id})`,
];
const SEPARATORS = [' ', '/', '\t', '\n', ' \t'];

/** The payloads for a seed: one per template, in template order. */
export function generatePayloads(seed = PAYLOAD_SEED): Payload[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const mixCase = (name: string): string => [...name].map((char) => (random() < 0.5 ? char.toUpperCase() : char)).join('');
  return TEMPLATES.map(([kind, template], index) => {
    const id = index + 1;
    const marker = `XSS-${String(id).padStart(2, '0')}`;
    const call = pick(CALL_FORMS)(id);
    const body = template
      .replaceAll('{call}', call)
      .replaceAll('{id}', String(id))
      .replace(/\{tag:([a-z]+)\}/gu, (_all, name: string) => mixCase(name))
      .replaceAll('{sp}', () => pick(SEPARATORS))
      .replace('{long}', () => Array.from({ length: 2_000 }, () => pick(['A', 'z', '<', '"', ' ', '&', '>', "'"])).join('').repeat(10));
    return { id, marker, text: `${marker} ${body}`, kind };
  });
}

/** Code points XML 1.0 cannot carry (besides lone surrogates). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/gu;
/** With the u flag, a surrogate range matches only surrogates that are not part of a pair. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/gu;

/** The text as it can travel in XML: what cannot is U+FFFD. */
export function onTheWire(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(NOT_XML, '\uFFFD');
}

/** What an XML parser hands over from text content. */
export function asXmlText(text: string): string {
  return onTheWire(text).replace(/\r\n?/gu, '\n');
}

/** What an XML parser hands over from an attribute value (§3.3.3 normalization of literal whitespace). */
export function asXmlAttribute(text: string): string {
  return onTheWire(text).replace(/\r\n|[\t\n\r]/gu, ' ');
}

/** What a field that the client trims and cuts to `limit` characters shows. */
export function shownField(text: string, limit: number): string {
  return asXmlText(text).trim().slice(0, limit);
}

/** Escapes text for an XML text node or attribute value written by hand in a test. */
export function xmlEscape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&apos;');
}
