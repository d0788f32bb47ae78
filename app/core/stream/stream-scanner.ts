/**
 * Finds the structure of an XMPP stream (RFC 6120 §11) in the text as it arrives, chunk by chunk: where the
 * stream header ends, where each top-level element begins and ends, how deep elements nest. The element
 * builder behind it (ltx, through @xmpp/xml) is lax and cannot say where an element ended in its input, so
 * the limits a hostile server must not get past are enforced here, before anything is built:
 * - the size of one top-level element and its nesting depth (memory),
 * - restricted XML: no comments, no DTD (and so no entity declarations), no processing instructions after
 *   the XML declaration,
 * - nothing but whitespace between top-level elements.
 * It reads each character once and copies nothing; the caller forwards the pieces it reports.
 */
import { messageOf, phrase, type Words } from '../../shared/phrase.ts';

export interface StreamLimits {
  /** Characters one top-level element (a stanza) may take, markup included. */
  readonly maxElementChars: number;
  /** How deeply elements may nest inside one top-level element (the stanza itself is depth 1). */
  readonly maxDepth: number;
}

/**
 * 1 MiB of text per stanza: far above any stanza a real server relays (Prosody's default limit is 256 KiB,
 * ejabberd's 64 KiB), far below what would hurt the main process. 64 levels: real stanzas nest under 10.
 */
export const DEFAULT_STREAM_LIMITS: StreamLimits = { maxElementChars: 1024 * 1024, maxDepth: 64 };

/** What broke the rules, as the RFC 6120 §4.9.3 stream error condition we answer with. */
export type StreamViolationCondition = 'policy-violation' | 'restricted-xml' | 'not-well-formed';

export class StreamViolation extends Error {
  readonly condition: StreamViolationCondition;
  /** The message for people, translated where it is shown. */
  readonly words: Words;
  constructor(condition: StreamViolationCondition, words: Words) {
    super(messageOf(words).message);
    this.words = words;
    this.name = 'StreamViolation';
    this.condition = condition;
  }
}

/** What the scanner found in a chunk: `[from, to)` is text to build; `boundary` ends the header, an element or the stream. */
export type ScanEvent =
  | { readonly kind: 'text'; readonly from: number; readonly to: number }
  | { readonly kind: 'boundary'; readonly at: 'header' | 'element' | 'stream-end'; readonly end: number };

/** Where the scanner is (numbers, not an enum: the sources also run under Node's type stripping). */
const State = {
  Text: 0,
  /** Just after `<`. */
  Open: 1,
  /** After `<!`: only `<![CDATA[` is allowed. */
  Bang: 2,
  Cdata: 3,
  /** `<?…?>`: only the XML declaration, before the stream header. */
  Instruction: 4,
  /** In a start tag's name. The tag's syntax is checked strictly: ltx would skip what it does not expect. */
  StartTag: 5,
  Quoted: 6,
  EndTag: 7,
  /** After `</stream:stream>`: nothing may follow. */
  Ended: 8,
  /** In a start tag, where an attribute (or the tag's end) may begin. */
  BeforeAttribute: 9,
  AttributeName: 10,
  /** After an attribute's name, before its `=`. */
  AfterAttributeName: 11,
  /** After `=`, before the opening quote. */
  BeforeValue: 12,
  /** After a closing quote: white space, `/` or `>` must follow. */
  AfterValue: 13,
  /** After `/` in a start tag: `>` must follow. */
  SelfClosing: 14,
} as const;
type State = (typeof State)[keyof typeof State];

const CDATA_OPENING = '[CDATA[';

function isXmlWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

const TAG_END = -1;
const EMPTY_TAG_END = -2;

/** Characters that end a name in a tag (XML names take anything else the builder accepts). */
function endsName(code: number): boolean {
  return isXmlWhitespace(code) || code === 0x2f /* / */ || code === 0x3e /* > */ || code === 0x3d /* = */ || code === 0x22 || code === 0x27 || code === 0x3c;
}

/**
 * One step of a start tag, `<name attr="value" …>` or `<name …/>`, as XML 1.0 allows it: null where XML does not
 * (an unquoted value, a missing `=`, text after a value, `/` not followed by `>`), TAG_END or EMPTY_TAG_END at `>`.
 */
function nextInTag(state: State, code: number): State | typeof TAG_END | typeof EMPTY_TAG_END | null {
  const space = isXmlWhitespace(code);
  switch (state) {
    case State.StartTag:
    case State.AttributeName:
      if (!endsName(code)) return state;
      if (space) return state === State.StartTag ? State.BeforeAttribute : State.AfterAttributeName;
      if (state === State.AttributeName) return code === 0x3d ? State.BeforeValue : null;
      return code === 0x2f ? State.SelfClosing : code === 0x3e ? TAG_END : null;
    case State.BeforeAttribute:
    case State.AfterValue:
      if (space) return State.BeforeAttribute;
      if (code === 0x2f) return State.SelfClosing;
      if (code === 0x3e) return TAG_END;
      return state === State.BeforeAttribute && !endsName(code) ? State.AttributeName : null;
    case State.AfterAttributeName:
      return space ? state : code === 0x3d ? State.BeforeValue : null;
    case State.BeforeValue:
      return space ? state : code === 0x22 || code === 0x27 ? State.Quoted : null;
    case State.SelfClosing:
      return code === 0x3e ? EMPTY_TAG_END : null;
    default:
      return null;
  }
}

export class StreamScanner {
  readonly #limits: StreamLimits;
  #state: State = State.Text;
  /** 0 before the stream header, 1 between top-level elements, 2 inside a stanza, and so on. */
  #depth = 0;
  /** Characters of the current top-level element (or of the header) seen so far. */
  #elementChars = 0;
  #quote = 0;
  #bang = '';
  /** The two characters before the current one inside CDATA or an instruction (they may lie in the last chunk). */
  #previous = 0;
  #beforePrevious = 0;

  constructor(limits: StreamLimits = DEFAULT_STREAM_LIMITS) {
    this.#limits = limits;
  }

  /** Inside a top-level element (or the header): its text must be built even when it spans chunks. */
  get insideElement(): boolean {
    return this.#depth >= 2 || (this.#depth <= 1 && this.#state !== State.Text && this.#state !== State.Ended);
  }

  /**
   * Scans one chunk and reports, in order, the pieces to build and the boundaries between them. Whitespace
   * between top-level elements is left out (keepalives), so the builder never collects it. Throws a
   * StreamViolation as soon as the chunk breaks a rule; the stream is dead from then on.
   */
  scan(chunk: string, report: (event: ScanEvent) => void): void {
    let pieceStart = this.insideElement ? 0 : -1;
    const startPiece = (at: number): void => {
      if (pieceStart === -1) pieceStart = at;
    };
    const endPiece = (to: number, at: 'header' | 'element' | 'stream-end'): void => {
      if (pieceStart !== -1 && to > pieceStart) report({ kind: 'text', from: pieceStart, to });
      pieceStart = -1;
      this.#elementChars = 0;
      report({ kind: 'boundary', at, end: to });
    };
    const length = chunk.length;
    let i = 0;
    while (i < length) {
      switch (this.#state) {
        case State.Text: {
          const lt = chunk.indexOf('<', i);
          const end = lt === -1 ? length : lt;
          if (this.#depth <= 1) {
            for (let j = i; j < end; j++) {
              if (!isXmlWhitespace(chunk.charCodeAt(j))) throw new StreamViolation('not-well-formed', 'The server sent text outside any element.');
            }
          }
          // Whitespace between stanzas (keepalives) is neither built nor counted against a stanza's size.
          if (this.#depth >= 2) this.#count(end - i);
          if (lt === -1) {
            i = length;
            break;
          }
          if (this.#depth <= 1) startPiece(lt);
          this.#count(1);
          this.#state = State.Open;
          i = lt + 1;
          break;
        }
        case State.Open: {
          const code = chunk.charCodeAt(i);
          this.#count(1);
          i++;
          if (code === 0x2f /* / */) this.#state = State.EndTag;
          else if (code === 0x21 /* ! */) {
            this.#state = State.Bang;
            this.#bang = '';
          } else if (code === 0x3f /* ? */) {
            if (this.#depth > 0) throw new StreamViolation('restricted-xml', 'The server sent an XML processing instruction inside the stream.');
            this.#state = State.Instruction;
            this.#previous = 0;
          } else if (code === 0x3c /* < */ || code === 0x3e /* > */ || isXmlWhitespace(code)) {
            throw new StreamViolation('not-well-formed', 'The server sent a malformed tag.');
          } else {
            this.#state = State.StartTag;
          }
          break;
        }
        case State.Bang: {
          this.#bang += chunk[i];
          this.#count(1);
          i++;
          if (!CDATA_OPENING.startsWith(this.#bang)) {
            throw new StreamViolation('restricted-xml', 'The server sent an XML comment or document type declaration, which XMPP forbids.');
          }
          if (this.#bang === CDATA_OPENING) {
            if (this.#depth < 2) throw new StreamViolation('not-well-formed', 'The server sent character data outside any element.');
            this.#state = State.Cdata;
            this.#previous = 0;
            this.#beforePrevious = 0;
          }
          break;
        }
        case State.Cdata:
        case State.Instruction: {
          const code = chunk.charCodeAt(i);
          this.#count(1);
          i++;
          const closes =
            code === 0x3e /* > */ &&
            (this.#state === State.Cdata ? this.#previous === 0x5d && this.#beforePrevious === 0x5d /* ]] */ : this.#previous === 0x3f /* ? */);
          if (closes) this.#state = State.Text;
          this.#beforePrevious = this.#previous;
          this.#previous = code;
          break;
        }
        case State.StartTag:
        case State.BeforeAttribute:
        case State.AttributeName:
        case State.AfterAttributeName:
        case State.BeforeValue:
        case State.AfterValue:
        case State.SelfClosing: {
          const code = chunk.charCodeAt(i);
          this.#count(1);
          i++;
          const next = nextInTag(this.#state, code);
          if (next === null) throw new StreamViolation('not-well-formed', 'The server sent a malformed tag.');
          if (next === State.Quoted) this.#quote = code;
          if (next !== TAG_END && next !== EMPTY_TAG_END) {
            this.#state = next;
            break;
          }
          this.#state = State.Text;
          if (next === EMPTY_TAG_END) {
            if (this.#depth === 0) {
              this.#state = State.Ended;
              endPiece(i, 'stream-end');
            } else if (this.#depth === 1) endPiece(i, 'element');
          } else {
            this.#depth++;
            if (this.#depth - 1 > this.#limits.maxDepth) {
              throw new StreamViolation('policy-violation', phrase('The server sent elements nested more than {{max}} deep.', { max: this.#limits.maxDepth }));
            }
            if (this.#depth === 1) endPiece(i, 'header');
          }
          break;
        }
        case State.Quoted: {
          const close = chunk.indexOf(this.#quote === 0x22 ? '"' : "'", i);
          const end = close === -1 ? length : close + 1;
          const lt = chunk.indexOf('<', i);
          if (lt !== -1 && lt < end) throw new StreamViolation('not-well-formed', 'The server sent "<" inside an attribute value.');
          this.#count(end - i);
          i = end;
          if (close !== -1) this.#state = State.AfterValue;
          break;
        }
        case State.EndTag: {
          const gt = chunk.indexOf('>', i);
          const end = gt === -1 ? length : gt + 1;
          this.#count(end - i);
          i = end;
          if (gt === -1) break;
          this.#state = State.Text;
          this.#depth--;
          if (this.#depth < 0) throw new StreamViolation('not-well-formed', 'The server closed an element it never opened.');
          if (this.#depth === 1) endPiece(i, 'element');
          else if (this.#depth === 0) {
            this.#state = State.Ended;
            endPiece(i, 'stream-end');
          }
          break;
        }
        case State.Ended:
          throw new StreamViolation('not-well-formed', 'The server sent data after closing the stream.');
      }
    }
    if (pieceStart !== -1 && length > pieceStart) report({ kind: 'text', from: pieceStart, to: length });
  }

  #count(chars: number): void {
    this.#elementChars += chars;
    if (this.#elementChars > this.#limits.maxElementChars) {
      throw new StreamViolation('policy-violation', phrase('The server sent a stanza larger than {{max}} KiB.', { max: Math.round(this.#limits.maxElementChars / 1024) }));
    }
  }
}
