import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');

async function text(path: string) {
  const res = await fetch(`${baseUrl}${path}`);
  expect(res.status).toBe(200);
  return res.text();
}

/**
 * The 2026 demo campaign hides counts until its vote closes; ballots have been cast, so there are
 * counts to leak. None may reach a page, the API, or the order of a list.
 */
describe('hidden counts do not leak while the vote runs', () => {
  it('the results page says counts are hidden and shows no table', async () => {
    const html = await text('/campaigns/2026/results');
    expect(html).toContain('投票期间不公布得票数');
    expect(html).not.toContain('<table');
  });

  it('the API has no vote field anywhere and lists by ballot number', async () => {
    for (const path of [
      '/api/campaigns',
      '/api/campaigns/2026',
      '/api/campaigns/2026/candidates',
    ]) {
      const body = await text(path);
      expect(body).not.toMatch(/"(votes?|tally|count|rank)"\s*:/i);
    }
    const { candidates } = JSON.parse(
      await text('/api/campaigns/2026/candidates?track=cadres'),
    ) as {
      candidates: { number: number }[];
    };
    const numbers = candidates.map((c) => c.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('list, profile and home pages carry no count and keep number order', async () => {
    const list = await text('/campaigns/2026/tracks/cadres');
    const numbers = [...list.matchAll(/class="card__number"[^>]*>(\d+)号/g)].map((m) =>
      Number(m[1]),
    );
    expect(numbers.length).toBeGreaterThan(20);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    for (const html of [
      list,
      await text('/campaigns/2026'),
      await text('/campaigns/2026/candidates/1'),
    ]) {
      expect(html).not.toMatch(/得票|票数：|data-votes/);
    }
  });

  it('a closed campaign does publish its counts', async () => {
    const html = await text('/campaigns/2025/results');
    expect(html).toContain('<table');
    expect(html).toMatch(/有效选票 \d+ 张/);
  });
});
