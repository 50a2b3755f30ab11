// Just enough XML for SpreadsheetML parts: no DTD is ever read and no entity other than the five predefined
// ones and character references is expanded, so XXE and entity bombs have nothing to act on. Every scan here
// is linear in its input: searches only move forward, and an element that never closes ends the scan
// rather than being retried from the next start (a backtracking pattern over crafted input is quadratic:
// issue 13 — 341 KB of unclosed tags once took 68 s).

/** 'le' / 'be' when a part is UTF-16 (by byte-order mark, or by "<" with a zero byte beside it). */
export function utf16Order(bytes: Buffer): 'le' | 'be' | null {
  if (bytes.length < 2) return null;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0x3c && bytes[1] === 0x00)) return 'le';
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0x00 && bytes[1] === 0x3c)) return 'be';
  return null;
}

/** Bytes of a part to text: UTF-8 by default, UTF-16 when the part says so by its first bytes. */
export function partText(bytes: Buffer): string {
  const order = utf16Order(bytes);
  if (order) {
    const even = bytes.subarray(0, bytes.length - (bytes.length % 2));
    const text = order === 'le' ? even.toString('utf16le') : Buffer.from(even).swap16().toString('utf16le');
    return text.replace(/^\uFEFF/, '');
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.toString('utf8', 3);
  return bytes.toString('utf8');
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Resolves &lt; &#20013; &#x4E2D; …; any other &name; stays as written (never expanded). */
export function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|lt|gt|amp|quot|apos);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref] ?? whole;
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Text content of a <t> element's inside: CDATA sections kept literally, the rest unescaped. */
export function elementText(inner: string): string {
  let at = inner.indexOf('<![CDATA[');
  if (at < 0) return unescapeXml(inner);
  let text = '';
  let from = 0;
  while (at >= 0) {
    const end = inner.indexOf(']]>', at + 9);
    if (end < 0) break; // an unclosed section: the rest is text as written
    text += unescapeXml(inner.slice(from, at)) + inner.slice(at + 9, end);
    from = end + 3;
    at = inner.indexOf('<![CDATA[', from);
  }
  return text + unescapeXml(inner.slice(from));
}

/** OOXML escapes control characters as _x000D_ inside strings. */
export function unescapeOoxml(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_whole, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const NAME_CHAR = /[\w.:-]/;
const SPACE = /\s/;

/** Attributes of a start tag by local name (r:id and ns:id both become id). One pass, left to right. */
export function attributes(tag: string): Record<string, string> {
  const result: Record<string, string> = {};
  let from = 0;
  for (let eq = tag.indexOf('=', from); eq >= 0; eq = tag.indexOf('=', from)) {
    let end = eq - 1;
    while (end >= from && SPACE.test(tag[end]!)) end--;
    let start = end;
    while (start >= from && NAME_CHAR.test(tag[start]!)) start--;
    let open = eq + 1;
    while (open < tag.length && SPACE.test(tag[open]!)) open++;
    const quote = tag[open];
    if (quote !== '"' && quote !== "'") { from = eq + 1; continue; }
    const close = tag.indexOf(quote, open + 1);
    if (close < 0) break;
    const name = tag.slice(start + 1, end + 1);
    if (name) {
      const local = name.includes(':') && !name.startsWith('xmlns') ? name.slice(name.indexOf(':') + 1) : name;
      if (!(local in result)) result[local] = unescapeXml(tag.slice(open + 1, close));
    }
    from = close + 1;
  }
  return result;
}

/**
 * Finds elements of one local name, forward only. `next` finds the element at or after `from` and leaves
 * its attribute text and inside (undefined when self-closing) in the fields, returning the index after it;
 * -1 when there is none or it never ends — what follows an unclosed element is not searched again.
 * Same-named elements do not nest in the parts read here. Fields instead of a result object: the row
 * scan calls this twice per cell, millions of times.
 */
export class ElementScanner {
  inner: string | undefined = undefined;
  /** The end tag of the element last found: "</" + its start tag's name, prefix included, + ">". */
  private endTag = '';
  private opened = '';
  private xml = '';
  private attrsFrom = 0;
  private attrsTo = 0;
  private readonly start: RegExp;

  constructor(localName: string) {
    this.start = new RegExp(`<(?:[\\w.-]+:)?${localName}(?=[\\s/>])`, 'g');
  }

  /** The attribute text of the element last found (cut only when asked: values and runs never are). */
  get attrs(): string {
    return this.xml.slice(this.attrsFrom, this.attrsTo);
  }

  /** Index just after the next start tag (attrs set, inner left alone), or -1. */
  nextStart(xml: string, from: number): number {
    this.start.lastIndex = from;
    const m = this.start.exec(xml);
    if (!m) return -1;
    const open = m.index + m[0].length;
    const gt = xml.indexOf('>', open);
    if (gt < 0) return -1;
    const selfClosing = xml.charCodeAt(gt - 1) === 47; // '/'
    this.xml = xml;
    this.attrsFrom = open;
    this.attrsTo = selfClosing ? gt - 1 : gt;
    this.inner = selfClosing ? undefined : '';
    if (m[0] !== this.opened) { this.opened = m[0]; this.endTag = `</${m[0].slice(1)}>`; }
    return gt + 1;
  }

  next(xml: string, from: number): number {
    const after = this.nextStart(xml, from);
    if (after < 0 || this.inner === undefined) return after;
    // The end tag spelled as the start tag was (x:c … </x:c>), found by a plain search.
    const end = xml.indexOf(this.endTag, after);
    if (end < 0) return -1;
    this.inner = xml.slice(after, end);
    return end + this.endTag.length;
  }

  /** Calls fn for every element in order; return false from fn to stop. */
  each(xml: string, fn: (attrs: string, inner: string | undefined) => boolean | void): void {
    for (let at = this.next(xml, 0); at >= 0; at = this.next(xml, at)) if (fn(this.attrs, this.inner) === false) return;
  }

  /** The inside of the first element ('' when self-closing), or undefined. */
  first(xml: string): string | undefined {
    return this.next(xml, 0) >= 0 ? this.inner ?? '' : undefined;
  }
}

const scanners = new Map<string, ElementScanner>();
function scannerOf(localName: string): ElementScanner {
  let scanner = scanners.get(localName);
  if (!scanner) { scanner = new ElementScanner(localName); scanners.set(localName, scanner); }
  return scanner;
}

/** Every element of a local name in order, with its attribute text and inside (see ElementScanner). */
export function eachElement(xml: string, localName: string, fn: (attrs: string, inner: string | undefined) => boolean | void): void {
  // A fresh scanner: fn may itself scan for the same name.
  new ElementScanner(localName).each(xml, fn);
}

/** The inside of the first element of a local name ('' when self-closing), or undefined. */
export function firstElement(xml: string, localName: string): string | undefined {
  return scannerOf(localName).first(xml);
}

/** Every start (or empty) tag of an element, by local name, with its attributes. */
export function tags(xml: string, localName: string): Record<string, string>[] {
  const scanner = new ElementScanner(localName);
  const result: Record<string, string>[] = [];
  for (let at = scanner.nextStart(xml, 0); at >= 0; at = scanner.nextStart(xml, at)) result.push(attributes(scanner.attrs));
  return result;
}

/** The fragment without its phonetic runs (<rPh>…</rPh>); an unclosed one drops the rest. */
function withoutPhonetic(fragment: string): string {
  if (!fragment.includes('rPh')) return fragment;
  const phonetic = scannerOf('rPh');
  let text = '';
  let from = 0;
  for (;;) {
    const start = phonetic.nextStart(fragment, from);
    if (start < 0) return text + fragment.slice(from);
    const tagStart = fragment.lastIndexOf('<', start - 1);
    text += fragment.slice(from, tagStart);
    if (phonetic.inner === undefined) { from = start; continue; }
    const end = phonetic.next(fragment, tagStart);
    if (end < 0) return text;
    from = end;
  }
}

/** The text of every <t> inside a fragment, phonetic runs (<rPh>) left out. */
export function runsText(fragment: string): string {
  const runs = scannerOf('t');
  const xml = withoutPhonetic(fragment);
  let text = '';
  for (let at = runs.next(xml, 0); at >= 0; at = runs.next(xml, at)) if (runs.inner) text += elementText(runs.inner);
  return unescapeOoxml(text);
}
