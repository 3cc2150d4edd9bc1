import sharp from 'sharp';
const [out, ...files] = process.argv.slice(2);
const w = 390, h = 1400;
const tiles = await Promise.all(files.map(async (f) => {
  const meta = await sharp(f).metadata();
  return sharp(f).extract({ left: 0, top: 0, width: Math.min(w, meta.width), height: Math.min(h, meta.height) }).resize(w, h, { fit: 'contain', position: 'top', background: '#888' }).png().toBuffer();
}));
const cols = tiles.length;
await sharp({ create: { width: cols * (w + 10), height: h, channels: 3, background: '#444' } })
  .composite(tiles.map((t, i) => ({ input: t, left: i * (w + 10), top: 0 })))
  .png().toFile(out);
