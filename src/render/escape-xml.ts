/**
 * Text for an XML document (the Atom feed). Escaping is not enough: XML 1.0 forbids most
 * control characters outright, and one of them in one notice title would make the whole feed
 * unreadable for every reader. Input refuses them (src/schemas/text.ts); what an older row or
 * another writer left is dropped here. Unpaired surrogates go the same way.
 */
const notXmlCharacters =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeXml(text: string): string {
  return text
    .replace(notXmlCharacters, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
