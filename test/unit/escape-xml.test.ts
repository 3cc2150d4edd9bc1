import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeXml } from '#src/render/escape-xml.ts';

/** What XML 1.0 allows in character data (its production `Char`). */
const xmlChar = /^[\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;

describe('escapeXml', () => {
  it('escapes markup and drops what XML cannot carry, keeping line breaks and emoji', () => {
    expect(escapeXml('公示\u0001<b>"甲"&乙</b>\n😀\ud800')).toBe(
      '公示&lt;b&gt;&quot;甲&quot;&amp;乙&lt;/b&gt;\n😀',
    );
  });

  it('leaves nothing an XML parser refuses, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(escapeXml(text)).toMatch(xmlChar);
      }),
      { numRuns: 2000 },
    );
  });
});
