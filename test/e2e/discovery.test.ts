import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');

describe('what search engines and share cards see', () => {
  it('robots.txt allows pages, keeps crawlers out of the API and names the sitemap', async () => {
    const res = await fetch(`${baseUrl}/robots.txt`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('Disallow: /api/');
    expect(text).toContain(`Sitemap: ${baseUrl}/sitemap.xml`);
  });

  it('the sitemap lists every public profile with language alternates, and no hidden candidate', async () => {
    const xml = await (await fetch(`${baseUrl}/sitemap.xml`)).text();
    const { candidates } = (await (
      await fetch(`${baseUrl}/api/campaigns/2026/candidates`)
    ).json()) as {
      candidates: { id: number }[];
    };
    for (const c of candidates) {
      expect(xml).toContain(`/campaigns/2026/candidates/${c.id}?lang=zh-CN</loc>`);
    }
    const listed = [
      ...xml.matchAll(/\/campaigns\/2026\/candidates\/(\d+)\?lang=zh-CN<\/loc>/g),
    ].map((m) => Number(m[1]));
    expect(listed.sort((a, b) => a - b)).toEqual(candidates.map((c) => c.id).sort((a, b) => a - b));
    expect(xml).toContain('hreflang="zh-TW"');
  });

  it('pages carry Open Graph cards, a canonical URL, icons and a web manifest', async () => {
    const html = await (await fetch(`${baseUrl}/campaigns/2026/candidates/1`)).text();
    expect(html).toMatch(/<meta property="og:title" content="[^"]+"/);
    expect(html).toContain(`<meta property="og:image" content="${baseUrl}/og-card.png"`);
    expect(html).toMatch(
      /<link rel="canonical" href="[^"]+\/campaigns\/2026\/candidates\/1\?lang=zh-CN"/,
    );
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest"');
    const manifest = (await (await fetch(`${baseUrl}/manifest.webmanifest`)).json()) as {
      icons: { src: string }[];
    };
    for (const icon of manifest.icons) {
      expect((await fetch(`${baseUrl}${icon.src}`)).status).toBe(200);
    }
    const og = await fetch(`${baseUrl}/og-card.png`);
    expect(og.headers.get('content-type')).toBe('image/png');
  });
});
