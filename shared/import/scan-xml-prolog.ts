/** What the start of an XML document says about entity tricks. */
export type XmlPrologScan = 'clean' | 'doctype' | 'incomplete';

/**
 * Scans the prolog of an XML document (its declaration, comments and processing instructions)
 * up to the root element. A document type declaration there can define entities (the
 * "billion laughs" bomb) or point outside (XXE); a workbook part never needs one, so the
 * importer refuses it. 'incomplete' means the text ends before the root element.
 */
export function scanXmlProlog(text: string): XmlPrologScan {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < text.length && /\s/.test(text.charAt(i))) i += 1;
    if (i >= text.length) return 'incomplete';
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) return 'incomplete';
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return 'incomplete';
      i = end + 3;
    } else if (text.startsWith('<!', i)) {
      return 'doctype';
    } else {
      return 'clean';
    }
  }
}
