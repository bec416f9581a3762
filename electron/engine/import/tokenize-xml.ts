/**
 * A small XML tokenizer for the one part that is read a million rows at a time: a worksheet.
 * It splits the text into tags and text with `indexOf`, some 3 times faster than a general SAX
 * parser, which it can be because worksheets use a narrow part of XML: elements,
 * attributes, text, the five predefined entities and character references, and sometimes
 * comments, processing instructions and CDATA. A document type declaration is refused (no
 * entity is ever expanded); anything else it cannot read is a damaged file. Other parts are
 * parsed by saxes (`stream-xml.ts`).
 */
import { importError } from './import-error.ts';

/** Callbacks of the tokenizer. Names come without their namespace prefix. */
export interface XmlTokenHandlers {
  /** An opening (or self-closing) tag, with its raw attribute text. */
  open(name: string, attributes: string): void;
  /** Text between tags, entities decoded; may come in several pieces. */
  text(text: string): void;
  close(name: string): void;
  /**
   * A fast path for the element a part holds millions of (a sheet's cells): called at each
   * opening tag with the text and the index of its `<`. It may read the whole element itself
   * and return the index after it; any other answer (-1) has the tag tokenized as usual.
   */
  element?(text: string, start: number): number;
}

/** Feeds text to the tokenizer; `end` checks that nothing is left unfinished. */
export interface XmlTokenizer {
  write(chunk: string): void;
  end(): void;
}

const entity = /&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#x([0-9A-Fa-f]{1,6}));/g;
const named: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};
/** No real tag or unbroken piece of markup is this long; a longer one is a damaged file. */
const maxPending = 4 * 1024 * 1024;

/** Decodes the predefined entities and character references of XML text. */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(entity, (match, name?: string, decimal?: string, hex?: string) => {
    if (name !== undefined) return named[name] ?? match;
    const code = decimal !== undefined ? Number(decimal) : parseInt(hex ?? '', 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : match;
  });
}

/** Longest entity or character reference (`&#x10FFFF;`, `&quot;`), in characters. */
const maxReference = 10;

/**
 * Where text that ends a chunk must be cut so that a reference split across chunks stays
 * whole: at its last `&` when no `;` follows it and it is near enough the end to be a cut
 * reference; otherwise at the end.
 */
function referenceStart(text: string, from: number): number {
  const amp = text.lastIndexOf('&');
  if (amp < from || text.length - amp > maxReference || text.indexOf(';', amp) >= 0) {
    return text.length;
  }
  return amp;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

export function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/**
 * Finds one attribute's value in a tag's raw attribute text without parsing the others: the
 * hot path of a million-row sheet reads `r`, `t` and `s` of every cell. Values are returned
 * as written (the attributes read this way never hold entities).
 */
export function attributeValue(raw: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const at = raw.indexOf(name, from);
    if (at < 0) return undefined;
    from = at + name.length;
    const before = at === 0 ? 32 : raw.charCodeAt(at - 1);
    if (!isSpace(before) && before !== 58) continue;
    let i = from;
    while (isSpace(raw.charCodeAt(i))) i += 1;
    if (raw.charCodeAt(i) !== 61) continue;
    i += 1;
    while (isSpace(raw.charCodeAt(i))) i += 1;
    const quote = raw.charAt(i);
    if (quote !== '"' && quote !== "'") continue;
    const end = raw.indexOf(quote, i + 1);
    return end < 0 ? undefined : raw.slice(i + 1, end);
  }
}

/** Creates a tokenizer for one XML part (`part` names it in error messages). */
export function createXmlTokenizer(handlers: XmlTokenHandlers, part: string): XmlTokenizer {
  let carry = '';
  const damaged = (reason: string) =>
    importError(
      'corrupt-file',
      `文件已损坏：「${part}」不是有效的 XML`,
      `The file is damaged: ${part} is not valid XML`,
      [reason],
    );
  const unsafe = () =>
    importError(
      'unsafe-xml',
      `文件中的「${part}」含有不安全的 XML 声明（DTD/实体定义），已拒绝导入`,
      `The part ${part} carries an unsafe XML declaration (a DTD); refused`,
    );
  /** The end (index of `>`) of a tag starting at `start`, skipping quoted values; -1 if cut. */
  const tagEnd = (text: string, start: number): number => {
    let quote = 0;
    for (let i = start + 1; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      if (quote !== 0) {
        if (code === quote) quote = 0;
      } else if (code === 34 || code === 39) {
        quote = code;
      } else if (code === 62) {
        return i;
      }
    }
    return -1;
  };
  /** Tokenizes `text`; returns what is left unfinished (to be carried into the next chunk). */
  const run = (text: string, isLast: boolean): string => {
    let position = 0;
    const length = text.length;
    while (position < length) {
      const lt = text.indexOf('<', position);
      if (lt < 0) {
        if (isLast) {
          handlers.text(decodeXmlText(text.slice(position)));
          return '';
        }
        // Hand on the text now and carry only a reference that may be cut (`&am`): carrying
        // the whole run would rescan it with every chunk, quadratic in a 20 MB cell.
        const cut = referenceStart(text, position);
        if (cut > position) handlers.text(decodeXmlText(text.slice(position, cut)));
        return text.slice(cut);
      }
      if (lt > position) {
        handlers.text(decodeXmlText(text.slice(position, lt)));
        position = lt;
      }
      const next = text.charCodeAt(lt + 1);
      if (next === 47) {
        const end = text.indexOf('>', lt);
        if (end < 0) break;
        handlers.close(localName(text.slice(lt + 2, end).trim()));
        position = end + 1;
      } else if (next === 63) {
        const end = text.indexOf('?>', lt);
        if (end < 0) break;
        position = end + 2;
      } else if (next === 33) {
        if (text.startsWith('<!--', lt)) {
          const end = text.indexOf('-->', lt + 4);
          if (end < 0) break;
          position = end + 3;
        } else if (text.startsWith('<![CDATA[', lt)) {
          const end = text.indexOf(']]>', lt + 9);
          if (end < 0) break;
          handlers.text(text.slice(lt + 9, end));
          position = end + 3;
        } else if (length - lt < 9) {
          break;
        } else {
          throw unsafe();
        }
      } else {
        const after = handlers.element?.(text, lt) ?? -1;
        if (after > lt) {
          position = after;
          continue;
        }
        const end = tagEnd(text, lt);
        if (end < 0) break;
        let nameEnd = lt + 1;
        while (nameEnd < end) {
          const code = text.charCodeAt(nameEnd);
          if (isSpace(code) || code === 47) break;
          nameEnd += 1;
        }
        const name = localName(text.slice(lt + 1, nameEnd));
        if (name === '') throw damaged(`a tag without a name: ${text.slice(lt, lt + 40)}`);
        const isSelfClosing = text.charCodeAt(end - 1) === 47;
        handlers.open(name, text.slice(nameEnd, isSelfClosing ? end - 1 : end));
        if (isSelfClosing) handlers.close(name);
        position = end + 1;
      }
    }
    const rest = text.slice(position);
    if (rest === '') return '';
    if (isLast) throw damaged(`unfinished markup: ${rest.slice(0, 40)}`);
    if (rest.length > maxPending) throw damaged('a tag that never ends');
    return rest;
  };
  return {
    write(chunk) {
      carry = run(carry + chunk, false);
    },
    end() {
      carry = run(carry, true);
    },
  };
}
