// Just enough XML for SpreadsheetML parts, by pattern: no DTD is ever read and no entity other than the
// five predefined ones and character references is expanded, so XXE and entity bombs have nothing to act on.

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
  if (!inner.includes('<![CDATA[')) return unescapeXml(inner);
  return inner.split(/(<!\[CDATA\[[\s\S]*?\]\]>)/).map((part) => (part.startsWith('<![CDATA[') ? part.slice(9, -3) : unescapeXml(part))).join('');
}

/** OOXML escapes control characters as _x000D_ inside strings. */
export function unescapeOoxml(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_whole, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Attributes of a start tag by local name (r:id and ns:id both become id). */
export function attributes(tag: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const match of tag.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const name = match[1]!;
    const local = name.includes(':') && !name.startsWith('xmlns') ? name.slice(name.indexOf(':') + 1) : name;
    if (!(local in result)) result[local] = unescapeXml(match[2] ?? match[3] ?? '');
  }
  return result;
}

/** Every start (or empty) tag of an element, by local name, with its attributes. */
export function tags(xml: string, localName: string): Record<string, string>[] {
  const pattern = new RegExp(`<(?:[\\w.-]+:)?${localName}(?=[\\s/>])([^>]*)>`, 'g');
  return [...xml.matchAll(pattern)].map((m) => attributes(m[1]!));
}

/** The text of every <t> inside a fragment, phonetic runs (<rPh>) left out. */
export function runsText(fragment: string): string {
  const withoutPhonetic = fragment.includes('rPh') ? fragment.replace(/<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, '') : fragment;
  let text = '';
  for (const m of withoutPhonetic.matchAll(/<(?:[\w.-]+:)?t(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?t>)/g)) text += elementText(m[1] ?? '');
  return unescapeOoxml(text);
}
