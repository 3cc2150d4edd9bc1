import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '#src/domain/errors.ts';
import { errorMessage } from '#src/i18n/error-messages.ts';
import { locales } from '#src/i18n/locales.ts';
import { describeResponsiveImage } from '#src/domain/media/describe-responsive-image.ts';
import {
  imageLimits,
  prepareImageCopies,
  type PreparedImage,
} from '#src/domain/media/prepare-image-copies.ts';
import { sniffImageType } from '#src/domain/media/sniff-image-type.ts';

// Every test image is made here with sharp: no binary fixtures.

const solid = (width: number, height: number, background = '#4a7') =>
  sharp({ create: { width, height, channels: 3, background } });

/** Left half red, right half blue, as stored in the file (before any EXIF orientation). */
async function halves(width: number, height: number) {
  const half = Math.floor(width / 2);
  return solid(width, height, '#0000ff').composite([
    { input: await solid(half, height, '#ff0000').png().toBuffer(), left: 0, top: 0 },
  ]);
}

async function refusal(p: Promise<unknown> | (() => Promise<unknown>)) {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (isDomainError(e)) return { code: e.code, reason: e.reason, details: e.details };
    throw e;
  }
  throw new Error('expected a refusal');
}

const sizes = (image: PreparedImage) =>
  image.copies.map((c) => `${c.contentType} ${c.width}x${c.height}`);

/** Replaces a PNG's IHDR width and height (and fixes its CRC): a small file claiming a huge canvas. */
function claimSize(png: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(png);
  out.writeUInt32BE(width, 16);
  out.writeUInt32BE(height, 20);
  out.writeUInt32BE(crc32(out.subarray(12, 29)), 29);
  return out;
}

describe('sniffImageType', () => {
  it('knows images by their bytes', async () => {
    const img = solid(8, 8);
    expect(sniffImageType(await img.clone().jpeg().toBuffer())).toBe('jpeg');
    expect(sniffImageType(await img.clone().png().toBuffer())).toBe('png');
    expect(sniffImageType(await img.clone().webp().toBuffer())).toBe('webp');
    expect(sniffImageType(await img.clone().gif().toBuffer())).toBe('gif');
    expect(sniffImageType(await img.clone().avif({ effort: 0 }).toBuffer())).toBe('avif');
  });

  it('tells HEIC, SVG, PDF and text apart from what can be uploaded', () => {
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypheic\0\0\0\0mif1heic'),
    ]);
    expect(sniffImageType(heic)).toBe('heic');
    expect(sniffImageType(Buffer.from('\uFEFF <?xml version="1.0"?>\n<svg xmlns="x"/>'))).toBe(
      'svg',
    );
    expect(sniffImageType(Buffer.from('%PDF-1.7\n%âãÏÓ'))).toBe('pdf');
    expect(sniffImageType(Buffer.from('just some words'))).toBe('unknown');
    expect(sniffImageType(new Uint8Array(0))).toBe('unknown');
  });
});

describe('prepareImageCopies', () => {
  it('turns a photo with EXIF orientation 6 upright and strips every piece of metadata', async () => {
    // Stored 800×600 on its side (red left, blue right); orientation 6 means "turn it a quarter
    // clockwise to view", so upright it is 600×800 with red on top.
    const photo = await (
      await halves(800, 600)
    )
      .jpeg()
      .withExif({
        IFD0: { Make: 'SecretCam', Model: 'SN-123456' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1' },
      })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const input = await sharp(photo).metadata();
    expect(input.orientation).toBe(6);
    expect(input.exif?.toString('latin1')).toContain('SecretCam');

    const image = await prepareImageCopies(photo, { purpose: 'portrait' });
    // 600×800 is 3:4 already: nothing cropped, and no copy wider than the photo.
    expect(sizes(image)).toEqual([
      'image/webp 160x213',
      'image/avif 160x213',
      'image/webp 320x427',
      'image/avif 320x427',
      'image/webp 600x800',
      'image/avif 600x800',
    ]);
    for (const copy of image.copies) {
      const meta = await sharp(copy.bytes).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(copy.bytes.includes('SecretCam')).toBe(false);
      const { data, info } = await sharp(copy.bytes).raw().toBuffer({ resolveWithObject: true });
      const pixel = (y: number) => [
        ...data.subarray(y * info.width * info.channels).subarray(0, 3),
      ];
      const [topR, , topB] = pixel(2);
      const [bottomR, , bottomB] = pixel(info.height - 3);
      expect(topR).toBeGreaterThan(200);
      expect(topB).toBeLessThan(60);
      expect(bottomB).toBeGreaterThan(200);
      expect(bottomR).toBeLessThan(60);
    }
    expect(image.mainId).toBe(image.copies[4]!.id);
  });

  it('crops a landscape portrait to 3:4 and makes 160, 320 and 640 wide copies in WebP and AVIF', async () => {
    const photo = await solid(2000, 1200).jpeg().toBuffer();
    const image = await prepareImageCopies(photo, { purpose: 'portrait' });
    expect(sizes(image)).toEqual([
      'image/webp 160x213',
      'image/avif 160x213',
      'image/webp 320x427',
      'image/avif 320x427',
      'image/webp 640x853',
      'image/avif 640x853',
    ]);
    for (const copy of image.copies) {
      const meta = await sharp(copy.bytes).metadata();
      expect(meta.format).toBe(copy.contentType === 'image/webp' ? 'webp' : 'heif');
      expect([meta.width, meta.height]).toEqual([copy.width, copy.height]);
    }
    expect(image.sourceType).toBe('jpeg');
  });

  it('never enlarges: a 300×400 photo gives a 160 copy and one at its own width', async () => {
    const image = await prepareImageCopies(await solid(300, 400).png().toBuffer(), {
      purpose: 'portrait',
    });
    expect(sizes(image)).toEqual([
      'image/webp 160x213',
      'image/avif 160x213',
      'image/webp 300x400',
      'image/avif 300x400',
    ]);
  });

  it('keeps the shape of a photo for deeds and stops at 1280 wide', async () => {
    const image = await prepareImageCopies(await solid(1600, 900).jpeg().toBuffer(), {
      purpose: 'content',
    });
    expect(sizes(image)).toEqual([
      'image/webp 640x360',
      'image/avif 640x360',
      'image/webp 1280x720',
      'image/avif 1280x720',
    ]);
  });

  it('accepts PNG, WebP, AVIF and the first frame of an animated GIF', async () => {
    for (const bytes of [
      await solid(400, 400).png().toBuffer(),
      await solid(400, 400).webp().toBuffer(),
      await solid(400, 400).avif({ effort: 0 }).toBuffer(),
    ]) {
      const image = await prepareImageCopies(bytes, { purpose: 'portrait' });
      expect(image.copies.at(-1)!.width).toBe(300);
    }
    const frames = [
      await solid(400, 300, '#f00').png().toBuffer(),
      await solid(400, 300, '#00f').png().toBuffer(),
    ];
    const gif = await sharp(frames, { join: { animated: true } })
      .gif()
      .toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(2);
    const image = await prepareImageCopies(gif, { purpose: 'content' });
    expect(sizes(image)).toEqual(['image/webp 400x300', 'image/avif 400x300']);
    const first = await sharp(image.copies[0]!.bytes).metadata();
    expect(first.pages ?? 1).toBe(1);
    const { data } = await sharp(image.copies[0]!.bytes)
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(200); // red: the first frame
  });

  it('holds a very tall photo for deeds to twice the widest copy in height', async () => {
    const image = await prepareImageCopies(await solid(1000, 8000).png().toBuffer(), {
      purpose: 'content',
    });
    expect(sizes(image)).toEqual(['image/webp 320x2560', 'image/avif 320x2560']);
  });

  it('turns CMYK, grey and transparent images into sRGB copies', async () => {
    const cmyk = await solid(400, 400, '#c33').toColourspace('cmyk').jpeg().toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    const grey = await solid(400, 400, '#777').toColourspace('b-w').png().toBuffer();
    const clear = await sharp({
      create: { width: 400, height: 400, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    for (const bytes of [cmyk, grey, clear]) {
      const image = await prepareImageCopies(bytes, { purpose: 'portrait' });
      for (const copy of image.copies) {
        expect((await sharp(copy.bytes).metadata()).space).toBe('srgb');
      }
    }
  });

  it('takes one image at a time, and a refused one does not hold up the next', async () => {
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 7)]);
    const good = await solid(400, 400).jpeg().toBuffer();
    const finished: string[] = [];
    const results = await Promise.allSettled([
      prepareImageCopies(good, { purpose: 'portrait' }).then(() => finished.push('first')),
      prepareImageCopies(broken, { purpose: 'portrait' }).finally(() => finished.push('broken')),
      prepareImageCopies(good, { purpose: 'content' }).then(() => finished.push('third')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // Strictly in the order they came: none overtakes another.
    expect(finished).toEqual(['first', 'broken', 'third']);
  });

  it('makes the same ids from the same bytes', async () => {
    const photo = await solid(500, 700, '#357').jpeg().toBuffer();
    const a = await prepareImageCopies(photo, { purpose: 'portrait' });
    const b = await prepareImageCopies(photo, { purpose: 'portrait' });
    expect(b.copies.map((c) => c.id)).toEqual(a.copies.map((c) => c.id));
    expect(a.mainId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses what is not an image, whatever it claims to be', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><script>alert(1)</script></svg>',
    );
    expect(await refusal(prepareImageCopies(svg, { purpose: 'portrait' }))).toEqual({
      code: 'invalid_request',
      reason: 'image_unsupported_type',
      details: { detected: 'svg' },
    });
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n');
    expect((await refusal(prepareImageCopies(pdf, { purpose: 'portrait' }))).details).toEqual({
      detected: 'pdf',
    });
    const text = Buffer.from('Name,Post\n张三,局长\n');
    expect((await refusal(prepareImageCopies(text, { purpose: 'portrait' }))).reason).toBe(
      'image_unsupported_type',
    );
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypheic\0\0\0\0mif1heic'),
      Buffer.alloc(200),
    ]);
    expect((await refusal(prepareImageCopies(heic, { purpose: 'portrait' }))).details).toEqual({
      detected: 'heic',
    });
    const tiff = await solid(400, 400).tiff().toBuffer();
    expect((await refusal(prepareImageCopies(tiff, { purpose: 'portrait' }))).details).toEqual({
      detected: 'unknown',
    });
  });

  it('rasterises SVG only when the caller says it drew the SVG itself', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 240" width="200" height="240"><rect width="200" height="240" fill="#c33"/></svg>',
    );
    const image = await prepareImageCopies(svg, {
      purpose: 'portrait',
      trustedSvg: true,
      maxWidth: 320,
      avifEffort: 0,
    });
    expect(sizes(image)).toEqual([
      'image/webp 160x213',
      'image/avif 160x213',
      'image/webp 320x427',
      'image/avif 320x427',
    ]);
    expect(image.sourceType).toBe('svg');
  });

  it('refuses a damaged file that starts like an image', async () => {
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 7)]);
    expect(await refusal(prepareImageCopies(broken, { purpose: 'portrait' }))).toMatchObject({
      code: 'invalid_request',
      reason: 'image_unreadable',
    });
  });

  it('refuses an empty upload and one over 10 MB before looking at it', async () => {
    expect(
      (await refusal(() => prepareImageCopies(new Uint8Array(0), { purpose: 'portrait' }))).reason,
    ).toBe('image_missing');
    const jpegStart = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
    const atLimit = Buffer.concat([jpegStart, Buffer.alloc(imageLimits.maxBytes - 4)]);
    // Exactly 10 MB passes the size check (and then fails as the garbage it is).
    expect((await refusal(prepareImageCopies(atLimit, { purpose: 'portrait' }))).reason).toBe(
      'image_unreadable',
    );
    const over = Buffer.concat([atLimit, Buffer.alloc(1)]);
    expect(await refusal(() => prepareImageCopies(over, { purpose: 'portrait' }))).toEqual({
      code: 'payload_too_large',
      reason: 'image_too_large',
      details: { maxMegabytes: 10 },
    });
  });

  it('refuses a decompression bomb from its header, before decoding it', async () => {
    const small = await solid(300, 300).png().toBuffer();
    const bomb = claimSize(small, 7000, 7000);
    expect((await sharp(bomb).metadata()).width).toBe(7000);
    const started = performance.now();
    expect(await refusal(prepareImageCopies(bomb, { purpose: 'portrait' }))).toEqual({
      code: 'payload_too_large',
      reason: 'image_too_many_pixels',
      details: { maxMegapixels: 40 },
    });
    expect(performance.now() - started).toBeLessThan(1000);
    // Just over the limit is refused too; 40 megapixels exactly would pass the header check.
    const over = claimSize(small, 8000, 5001);
    expect((await refusal(prepareImageCopies(over, { purpose: 'portrait' }))).reason).toBe(
      'image_too_many_pixels',
    );
  });

  it('refuses a photo whose shortest side is under 200 px, and takes one of exactly 200', async () => {
    expect(
      await refusal(
        prepareImageCopies(await solid(199, 600).png().toBuffer(), { purpose: 'portrait' }),
      ),
    ).toEqual({
      code: 'rule_violation',
      reason: 'image_too_small',
      details: { minSide: 200, width: 199, height: 600 },
    });
    const ok = await prepareImageCopies(await solid(200, 600).png().toBuffer(), {
      purpose: 'portrait',
    });
    expect(sizes(ok)).toEqual([
      'image/webp 160x213',
      'image/avif 160x213',
      'image/webp 200x267',
      'image/avif 200x267',
    ]);
  });
});

describe('describeResponsiveImage', () => {
  const copy = (id: string, contentType: string, width: number) => ({
    id: id.padEnd(64, '0'),
    contentType,
    width,
    height: Math.round((width * 4) / 3),
  });

  it('lists AVIF before WebP, narrowest first, with the main copy as the fallback', () => {
    const copies = [
      copy('c', 'image/webp', 640),
      copy('a', 'image/webp', 160),
      copy('d', 'image/avif', 160),
      copy('b', 'image/webp', 320),
      copy('e', 'image/avif', 320),
      copy('f', 'image/avif', 640),
    ];
    const main = copies[0]!.id;
    const url = (id: string) => `/api/media/${id.padEnd(64, '0')}`;
    expect(describeResponsiveImage(main, copies)).toEqual({
      src: url('c'),
      width: 640,
      height: 853,
      sources: [
        { type: 'image/avif', srcset: `${url('d')} 160w, ${url('e')} 320w, ${url('f')} 640w` },
        { type: 'image/webp', srcset: `${url('a')} 160w, ${url('b')} 320w, ${url('c')} 640w` },
      ],
    });
  });

  it('gives an old SVG portrait a plain image and no portrait nothing', () => {
    const svg = { id: 's'.repeat(64), contentType: 'image/svg+xml', width: 200, height: 240 };
    expect(describeResponsiveImage(svg.id, [svg])).toEqual({
      src: `/api/media/${svg.id}`,
      width: 200,
      height: 240,
      sources: [],
    });
    expect(describeResponsiveImage(svg.id, undefined)).toMatchObject({ width: null, sources: [] });
    expect(describeResponsiveImage(null, [svg])).toBeNull();
  });
});

describe('upload refusal messages', () => {
  const reasons = [
    'image_missing',
    'image_unsupported_type',
    'image_unreadable',
    'image_too_large',
    'image_too_many_pixels',
    'image_too_small',
  ];
  const details = {
    detected: 'unknown',
    maxMegabytes: 10,
    maxMegapixels: 40,
    minSide: 200,
    width: 150,
    height: 199,
  };

  it.each(locales)('has a message of its own for every upload refusal in %s', (locale) => {
    const texts = reasons.map((r) => errorMessage(locale, r, 'no_such_code', details));
    expect(new Set(texts).size).toBe(reasons.length);
    expect(texts).not.toContain(errorMessage(locale, 'no_such_reason', 'no_such_code'));
  });

  it.each([
    ['zh-CN', 'svg', 'SVG 矢量图可能携带脚本'],
    ['zh-TW', 'pdf', '這是 PDF 文件，不是圖片'],
    ['en', 'heic', 'HEIC'],
    ['en', 'unknown', 'not an image we recognise'],
  ] as const)(
    'image_unsupported_type in %s names what a %s upload was',
    (locale, detected, part) => {
      expect(
        errorMessage(locale, 'image_unsupported_type', 'invalid_request', { detected }),
      ).toContain(part);
    },
  );

  it('image_too_small names the size given and the size needed', () => {
    const text = errorMessage('zh-CN', 'image_too_small', 'rule_violation', details);
    expect(text).toContain('150×199');
    expect(text).toContain('200 像素');
  });
});
