import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getViteConfig } from 'astro/config';
import { experimental_AstroContainer } from 'astro/container';
import { createServer, type ViteDevServer } from 'vite';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, candidate, media } from '#src/db/schema/index.ts';
import { describeResponsiveImage } from '#src/domain/media/describe-responsive-image.ts';
import { listImageCopies } from '#src/domain/media/list-image-copies.ts';
import { cheapAltcha } from '../helpers/bot-proof.ts';
import { parseConfig } from '#src/server/config.ts';
import { makeCandidate, makeCampaign, makeOpenBallot, makeTrack } from '../helpers/factories.ts';
import { fixedClock, testSecret } from '../helpers/test-api.ts';
import { useStaffSessions, useTestApi, useTestDb } from '../helpers/harness.ts';

const now = new Date('2026-11-20T04:00:00Z');
const db = useTestDb();
const api = useTestApi(db, { clock: fixedClock(now) });
const staff = useStaffSessions(api, db, ['admin', 'editor', 'monitor', 'auditor']);
let trackRef: { id: number; campaignId: number };
let campaignSlug: string;
let trackSlug: string;

// Test images are made here with sharp; no binary fixtures.
const solid = (width: number, height: number, background = '#3a6') =>
  sharp({ create: { width, height, channels: 3, background } });

beforeAll(async () => {
  const open = await makeOpenBallot(db.db, now, 1);
  trackRef = open.track;
  campaignSlug = open.campaign.slug;
  trackSlug = open.track.slug;
});

const asRole = staff.headers;

const portraitPath = (id: number) => `/api/staff/candidates/${id}/portrait`;

function rawUpload(
  bytes: Uint8Array,
  headers: Record<string, string>,
  type = 'image/jpeg',
): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': type, ...headers },
    body: new Uint8Array(bytes),
  };
}

function formUpload(
  bytes: Uint8Array,
  headers: Record<string, string>,
  name = 'photo.jpg',
  type = 'image/jpeg',
  field = 'file',
): RequestInit {
  const form = new FormData();
  form.append(field, new File([new Uint8Array(bytes)], name, { type }));
  return { method: 'POST', headers, body: form };
}

async function errorOf(res: Response) {
  const body = (await res.json()) as { error: { code: string; reason?: string; message: string } };
  return { status: res.status, ...body.error };
}

async function auditFor(candidateId: number) {
  return db.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'candidate'), eq(auditLog.entityId, String(candidateId))))
    .orderBy(auditLog.id);
}

const mediaCount = async () =>
  Number((await db.db.select({ n: sql<number>`count(*)` }).from(media))[0]!.n);

describe('POST /api/staff/candidates/:id/portrait', () => {
  it('stores upright 3:4 copies without metadata, sets the portrait and audits the change', async () => {
    const c = await makeCandidate(db.db, trackRef);
    // Stored sideways with orientation 6, a GPS position and a camera serial number.
    const photo = await solid(1600, 1200)
      .jpeg()
      .withExif({
        IFD0: { Make: 'SecretCam', Model: 'SN-998877' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1' },
      })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const res = await api.request(portraitPath(c.id), rawUpload(photo, asRole('editor')));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(body).toMatchObject({ candidateId: c.id, previousPortraitId: null });
    expect(body.url).toBe(`/api/media/${body.portraitId}`);
    expect(
      body.copies.map((x: { contentType: string; width: number; height: number }) =>
        [x.contentType, x.width, x.height].join(' '),
      ),
    ).toEqual([
      'image/webp 160 213',
      'image/avif 160 213',
      'image/webp 320 427',
      'image/avif 320 427',
      'image/webp 640 853',
      'image/avif 640 853',
    ]);

    const row = await db.db.query.candidate.findFirst({ where: eq(candidate.id, c.id) });
    expect(row!.portraitId).toBe(body.portraitId);
    expect(row!.updatedAt.getTime()).toBe(now.getTime());

    const stored = await db.db
      .select()
      .from(media)
      .where(or(eq(media.id, body.portraitId), eq(media.variantOf, body.portraitId)));
    expect(stored).toHaveLength(6);
    for (const m of stored) {
      // The id is the SHA-256 of exactly the stored bytes; only the main copy has no variantOf.
      expect(m.id).toBe(createHash('sha256').update(m.bytes).digest('hex'));
      expect(m.variantOf).toBe(m.id === body.portraitId ? null : body.portraitId);
      expect(m.alt).toBe(c.name);
      const meta = await sharp(m.bytes).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(m.bytes.includes('SecretCam')).toBe(false);
    }
    const main = stored.find((m) => m.id === body.portraitId)!;
    expect([main.contentType, main.width, main.height]).toEqual(['image/webp', 640, 853]);

    const audit = await auditFor(c.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'candidate.portrait_set',
      actorId: staff.as('editor').id,
      before: { portraitId: null },
      after: { portraitId: body.portraitId },
    });
  });

  it('takes a multipart form with a PNG named .jpg and declared as JPEG', async () => {
    const c = await makeCandidate(db.db, trackRef);
    const png = await solid(300, 400).png().toBuffer();
    const res = await api.request(
      portraitPath(c.id),
      formUpload(png, asRole('admin'), 'photo.jpg', 'image/jpeg'),
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    // No copy wider than the 300 px photo.
    expect(body.copies.map((x: { width: number }) => x.width)).toEqual([160, 160, 300, 300]);
  });

  it('gives the same ids for the same upload twice, without new rows, and audits the second', async () => {
    const c = await makeCandidate(db.db, trackRef);
    const photo = await solid(900, 1200, '#824').jpeg().toBuffer();
    const first = await (
      await api.request(portraitPath(c.id), rawUpload(photo, asRole('editor')))
    ).json();
    const before = await mediaCount();
    const second = await (
      await api.request(portraitPath(c.id), rawUpload(photo, asRole('editor')))
    ).json();
    expect(second.portraitId).toBe(first.portraitId);
    expect(second.copies).toEqual(first.copies);
    expect(second.previousPortraitId).toBe(first.portraitId);
    expect(await mediaCount()).toBe(before);
  });

  it('replaces a portrait and records both ids', async () => {
    const c = await makeCandidate(db.db, trackRef);
    const a = await (
      await api.request(
        portraitPath(c.id),
        rawUpload(await solid(600, 800, '#111').png().toBuffer(), asRole('editor')),
      )
    ).json();
    const b = await (
      await api.request(
        portraitPath(c.id),
        rawUpload(await solid(600, 800, '#eee').png().toBuffer(), asRole('editor')),
      )
    ).json();
    expect(b.portraitId).not.toBe(a.portraitId);
    const audit = await auditFor(c.id);
    expect(audit.at(-1)).toMatchObject({
      before: { portraitId: a.portraitId },
      after: { portraitId: b.portraitId },
    });
  });

  it.each([
    ['a text file', Buffer.from('姓名,职务\n张三,局长\n'), 'unknown'],
    [
      'an SVG',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'svg',
    ],
    ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), 'pdf'],
  ])(
    'refuses %s sent as image/jpeg with 400 image_unsupported_type',
    async (_, bytes, detected) => {
      const c = await makeCandidate(db.db, trackRef);
      for (const init of [
        rawUpload(bytes, asRole('editor')),
        formUpload(bytes, asRole('editor'), 'photo.jpg', 'image/jpeg'),
      ]) {
        const res = await api.request(portraitPath(c.id), init);
        const error = await errorOf(res);
        expect(error).toMatchObject({
          status: 400,
          code: 'invalid_request',
          reason: 'image_unsupported_type',
        });
        expect(error.message).toMatch(/JPEG、PNG/);
      }
      const row = await db.db.query.candidate.findFirst({ where: eq(candidate.id, c.id) });
      expect(row!.portraitId).toBeNull();
      expect(await auditFor(c.id)).toHaveLength(0);
      // The message names what the bytes were.
      const en = await api.request(
        `${portraitPath(c.id)}?lang=en`,
        rawUpload(bytes, asRole('editor')),
      );
      const text = (await errorOf(en)).message;
      if (detected === 'svg') expect(text).toContain('SVG');
      if (detected === 'pdf') expect(text).toContain('PDF');
    },
  );

  it('answers 413 image_too_large just over 10 MB, raw or multipart, and reads no further', async () => {
    const c = await makeCandidate(db.db, trackRef);
    const over = Buffer.alloc(10 * 1024 * 1024 + 1, 0xff);
    for (const init of [rawUpload(over, asRole('editor')), formUpload(over, asRole('editor'))]) {
      const error = await errorOf(await api.request(portraitPath(c.id), init));
      expect(error).toMatchObject({
        status: 413,
        code: 'payload_too_large',
        reason: 'image_too_large',
      });
      expect(error.message).toContain('10 MB');
    }
    // Far over the limit is cut off by the body limit, not buffered.
    const huge = Buffer.alloc(11 * 1024 * 1024, 0xff);
    const res = await api.request(portraitPath(c.id), rawUpload(huge, asRole('editor')));
    expect(res.status).toBe(413);
  });

  it('refuses a pixel bomb (413 image_too_many_pixels) and a too-small photo (422 image_too_small)', async () => {
    const c = await makeCandidate(db.db, trackRef);
    const png = Buffer.from(await solid(300, 300).png().toBuffer());
    // A 300×300 PNG whose header claims 7000×7000 (49 megapixels).
    png.writeUInt32BE(7000, 16);
    png.writeUInt32BE(7000, 20);
    const { crc32 } = await import('node:zlib');
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    expect(
      await errorOf(await api.request(portraitPath(c.id), rawUpload(png, asRole('editor')))),
    ).toMatchObject({
      status: 413,
      code: 'payload_too_large',
      reason: 'image_too_many_pixels',
    });
    const tiny = await solid(150, 199).jpeg().toBuffer();
    const error = await errorOf(
      await api.request(portraitPath(c.id), rawUpload(tiny, asRole('editor'))),
    );
    expect(error).toMatchObject({ status: 422, code: 'rule_violation', reason: 'image_too_small' });
    expect(error.message).toContain('150×199');
  });

  it('answers 400 image_missing for an empty body or a form without a file field', async () => {
    const c = await makeCandidate(db.db, trackRef);
    expect(
      await errorOf(
        await api.request(portraitPath(c.id), rawUpload(new Uint8Array(0), asRole('editor'))),
      ),
    ).toMatchObject({ status: 400, reason: 'image_missing' });
    const png = await solid(300, 400).png().toBuffer();
    expect(
      await errorOf(
        await api.request(
          portraitPath(c.id),
          formUpload(png, asRole('editor'), 'a.png', 'image/png', 'photo'),
        ),
      ),
    ).toMatchObject({ status: 400, reason: 'image_missing' });
  });

  it('404 candidate_not_found for an unknown candidate, 400 for an id that is not one', async () => {
    const png = await solid(300, 400).png().toBuffer();
    expect(
      await errorOf(await api.request(portraitPath(999999), rawUpload(png, asRole('editor')))),
    ).toMatchObject({
      status: 404,
      code: 'not_found',
      reason: 'candidate_not_found',
    });
    const bad = await api.request(
      '/api/staff/candidates/abc/portrait',
      rawUpload(png, asRole('editor')),
    );
    expect(bad.status).toBe(400);
  });

  it('refuses anonymous (401), monitor and auditor (403) and a missing CSRF token (403)', async () => {
    const c = await makeCandidate(db.db, trackRef);
    const png = await solid(300, 400).png().toBuffer();
    expect(await errorOf(await api.request(portraitPath(c.id), rawUpload(png, {})))).toMatchObject({
      status: 401,
      code: 'unauthenticated',
    });
    for (const role of ['monitor', 'auditor'] as const) {
      expect(
        await errorOf(await api.request(portraitPath(c.id), rawUpload(png, asRole(role)))),
      ).toMatchObject({
        status: 403,
        code: 'forbidden',
      });
    }
    const { cookie } = staff.as('editor');
    expect(
      await errorOf(await api.request(portraitPath(c.id), rawUpload(png, { cookie }))),
    ).toMatchObject({
      status: 403,
      code: 'csrf_failed',
    });
    const wrong = { cookie, 'x-csrf-token': 'not-the-token' };
    expect((await api.request(portraitPath(c.id), rawUpload(png, wrong))).status).toBe(403);
    const row = await db.db.query.candidate.findFirst({ where: eq(candidate.id, c.id) });
    expect(row!.portraitId).toBeNull();
  });
});

describe('DELETE /api/staff/candidates/:id/portrait', () => {
  it('takes the portrait off, keeps the image rows, audits once and is idempotent', async () => {
    const c = await makeCandidate(db.db, trackRef);
    const set = await (
      await api.request(
        portraitPath(c.id),
        rawUpload(await solid(600, 800, '#a50').png().toBuffer(), asRole('editor')),
      )
    ).json();
    const res = await api.request(portraitPath(c.id), {
      method: 'DELETE',
      headers: asRole('editor'),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      candidateId: c.id,
      portraitId: null,
      previousPortraitId: set.portraitId,
    });
    const row = await db.db.query.candidate.findFirst({ where: eq(candidate.id, c.id) });
    expect(row!.portraitId).toBeNull();
    const kept = await db.db
      .select({ id: media.id })
      .from(media)
      .where(eq(media.variantOf, set.portraitId));
    expect(kept).toHaveLength(5);
    expect((await api.request(`/api/media/${set.portraitId}`)).status).toBe(200);

    const again = await api.request(portraitPath(c.id), {
      method: 'DELETE',
      headers: asRole('admin'),
    });
    expect(await again.json()).toEqual({
      candidateId: c.id,
      portraitId: null,
      previousPortraitId: null,
    });
    const audit = await auditFor(c.id);
    expect(audit.map((a) => a.action)).toEqual([
      'candidate.portrait_set',
      'candidate.portrait_remove',
    ]);
    expect(audit[1]).toMatchObject({
      before: { portraitId: set.portraitId },
      after: { portraitId: null },
    });
  });

  it('404 for an unknown candidate; 401, 403 for monitor, 403 without the CSRF token', async () => {
    const c = await makeCandidate(db.db, trackRef);
    const del = (headers: Record<string, string>, id = c.id) =>
      api.request(portraitPath(id), { method: 'DELETE', headers });
    expect(await errorOf(await del(asRole('editor'), 999999))).toMatchObject({
      status: 404,
      reason: 'candidate_not_found',
    });
    expect((await del({})).status).toBe(401);
    expect(await errorOf(await del(asRole('monitor')))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect(await errorOf(await del({ cookie: staff.as('admin').cookie }))).toMatchObject({
      status: 403,
      code: 'csrf_failed',
    });
  });
});

describe('POST /api/staff/media', () => {
  it('stores a photo for deeds uncropped and answers with its Markdown', async () => {
    const photo = await solid(1600, 900, '#268').jpeg().toBuffer();
    const res = await api.request('/api/staff/media', formUpload(photo, asRole('editor')));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.id).toMatch(/^[0-9a-f]{64}$/);
    expect(body.url).toBe(`/api/media/${body.id}`);
    expect(body.markdown).toBe(`![](/api/media/${body.id})`);
    expect(
      body.copies.map((x: { contentType: string; width: number; height: number }) =>
        [x.contentType, x.width, x.height].join(' '),
      ),
    ).toEqual([
      'image/webp 640 360',
      'image/avif 640 360',
      'image/webp 1280 720',
      'image/avif 1280 720',
    ]);
    const audit = await db.db.select().from(auditLog).where(eq(auditLog.entityId, body.id));
    expect(audit).toMatchObject([{ action: 'media.upload', entityType: 'media' }]);

    const served = await api.request(body.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).width).toBe(1280);
  });

  it('refuses an SVG, anonymous, monitor and a missing CSRF token', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="500" height="500"/>');
    expect(
      await errorOf(
        await api.request('/api/staff/media', rawUpload(svg, asRole('admin'), 'image/png')),
      ),
    ).toMatchObject({ status: 400, reason: 'image_unsupported_type' });
    const png = await solid(300, 300).png().toBuffer();
    expect((await api.request('/api/staff/media', rawUpload(png, {}))).status).toBe(401);
    expect((await api.request('/api/staff/media', rawUpload(png, asRole('monitor')))).status).toBe(
      403,
    );
    expect(
      (await api.request('/api/staff/media', rawUpload(png, { cookie: staff.as('editor').cookie })))
        .status,
    ).toBe(403);
  });
});

describe('GET /api/media/:id', () => {
  it('serves copies with their type, a year of immutable cache and nosniff', async () => {
    const c = await makeCandidate(db.db, trackRef);
    const set = await (
      await api.request(
        portraitPath(c.id),
        rawUpload(await solid(640, 853).png().toBuffer(), asRole('editor')),
      )
    ).json();
    for (const copy of set.copies as { id: string; contentType: string }[]) {
      const res = await api.request(`/api/media/${copy.id}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(copy.contentType);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(copy.id);
    }
  });

  it('serves an old SVG portrait under a CSP that runs no script', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="240"/>');
    const id = createHash('sha256').update(svg).digest('hex');
    await db.db
      .insert(media)
      .values({ id, contentType: 'image/svg+xml', bytes: svg, width: 200, height: 240 });
    const res = await api.request(`/api/media/${id}`);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await api.request(`/api/media/${'0'.repeat(64)}`)).status).toBe(404);
  });
});

describe('portrait copies for the public candidate list', () => {
  it('finds every card’s copies in one query and gives each a srcset of 160, 320 and 640 w', async () => {
    const photo = (bg: string) => solid(900, 1200, bg).jpeg().toBuffer();
    const withPhotos = [];
    for (const bg of ['#123', '#456']) {
      const c = await makeCandidate(db.db, trackRef);
      const set = await (
        await api.request(portraitPath(c.id), rawUpload(await photo(bg), asRole('editor')))
      ).json();
      withPhotos.push({ id: c.id, portraitId: set.portraitId as string });
    }
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="240"><g/></svg>',
    );
    const svgId = createHash('sha256').update(svg).digest('hex');
    await db.db
      .insert(media)
      .values({ id: svgId, contentType: 'image/svg+xml', bytes: svg, width: 200, height: 240 });

    const statements: string[] = [];
    const original = db.client.execute.bind(db.client);
    // Every statement the client runs is recorded while the copies are looked up.
    db.client.execute = ((stmt: string | { sql: string }) => {
      statements.push(typeof stmt === 'string' ? stmt : stmt.sql);
      return (original as (s: unknown) => ReturnType<typeof original>)(stmt);
    }) as typeof db.client.execute;
    let copies;
    try {
      copies = await listImageCopies(db.db, [
        ...withPhotos.map((p) => p.portraitId),
        svgId,
        null,
        'f'.repeat(64),
      ]);
    } finally {
      db.client.execute = original;
    }
    expect(statements).toHaveLength(1);
    expect(statements[0]).not.toMatch(/"bytes"/);

    for (const p of withPhotos) {
      const image = describeResponsiveImage(p.portraitId, copies.get(p.portraitId));
      expect(image).toMatchObject({ src: `/api/media/${p.portraitId}`, width: 640, height: 853 });
      expect(image!.sources.map((s) => s.type)).toEqual(['image/avif', 'image/webp']);
      for (const s of image!.sources) {
        expect(s.srcset).toMatch(
          /^\/api\/media\/[0-9a-f]{64} 160w, \/api\/media\/[0-9a-f]{64} 320w, \/api\/media\/[0-9a-f]{64} 640w$/,
        );
      }
    }
    expect(describeResponsiveImage(svgId, copies.get(svgId))).toEqual({
      src: `/api/media/${svgId}`,
      width: 200,
      height: 240,
      sources: [],
    });
    expect(copies.has('f'.repeat(64))).toBe(false);
  });

  it('keeps candidates with portraits visible in the public list JSON', async () => {
    const res = await api.request(`/api/campaigns/${campaignSlug}/candidates?track=${trackSlug}`);
    expect(res.status).toBe(200);
    const { candidates } = await res.json();
    const withPortrait = candidates.filter((c: { portraitUrl: string | null }) => c.portraitUrl);
    expect(withPortrait.length).toBeGreaterThan(0);
    const ids = withPortrait.map((c: { portraitUrl: string }) =>
      c.portraitUrl.slice('/api/media/'.length),
    );
    const rows = await db.db
      .select({ id: media.id, type: media.contentType })
      .from(media)
      .where(inArray(media.id, ids));
    expect(new Set(rows.map((r) => r.type))).toEqual(new Set(['image/webp']));
  });
});

describe('the public track and profile pages', () => {
  let vite: ViteDevServer;
  let cacheDir: string;
  let container: experimental_AstroContainer;
  let slug: string;
  let pageTrack: string;
  const people: { id: number; name: string; portraitId: string | null }[] = [];
  let svgId: string;

  // The real pages, compiled by Astro's own Vite plugin and rendered by its container: what
  // a phone receives, without a build.
  beforeAll(async () => {
    cacheDir = mkdtempSync(join(tmpdir(), 'media-vite-'));
    const config = await getViteConfig(
      { server: { middlewareMode: true, hmr: false, ws: false }, appType: 'custom', cacheDir },
      { root: process.cwd(), logLevel: 'silent' },
    )({ command: 'serve', mode: 'test' });
    vite = await createServer({ ...config, configFile: false, logLevel: 'silent' });
    container = await experimental_AstroContainer.create();

    const c = await makeCampaign(db.db, now);
    const t = await makeTrack(db.db, c.id);
    slug = c.slug;
    pageTrack = t.slug;
    for (const bg of ['#713', '#137']) {
      const row = await makeCandidate(db.db, t);
      const photo = await solid(900, 1200, bg).jpeg().toBuffer();
      const set = await (
        await api.request(portraitPath(row.id), rawUpload(photo, asRole('editor')))
      ).json();
      people.push({ id: row.id, name: row.name, portraitId: set.portraitId });
    }
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="240"/>');
    svgId = createHash('sha256').update(svg).digest('hex');
    await db.db
      .insert(media)
      .values({ id: svgId, contentType: 'image/svg+xml', bytes: svg, width: 200, height: 240 })
      .onConflictDoNothing();
    const old = await makeCandidate(db.db, t, { portraitId: svgId });
    people.push({ id: old.id, name: old.name, portraitId: svgId });
    const none = await makeCandidate(db.db, t);
    people.push({ id: none.id, name: none.name, portraitId: null });
  }, 60_000);
  afterAll(async () => {
    await vite?.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  /** Renders a page and returns its HTML and the SQL it ran against the media table. */
  async function render(file: string, params: Record<string, string>, path: string) {
    const page = await vite.ssrLoadModule(file);
    const config = parseConfig({ DATABASE_URL: db.url, SESSION_SECRET: testSecret });
    const statements: string[] = [];
    const original = db.client.execute.bind(db.client);
    db.client.execute = ((stmt: string | { sql: string }) => {
      statements.push(typeof stmt === 'string' ? stmt : stmt.sql);
      return (original as (s: unknown) => ReturnType<typeof original>)(stmt);
    }) as typeof db.client.execute;
    try {
      const html = await container.renderToString(page.default, {
        params,
        request: new Request(`http://127.0.0.1:4321${path}`),
        locals: {
          locale: 'zh-CN',
          services: {
            config,
            dbHandle: db,
            botCheck: cheapAltcha(testSecret),
            clock: fixedClock(now),
          },
        },
      });
      return { html, mediaQueries: statements.filter((q) => /from "media"/.test(q)) };
    } finally {
      db.client.execute = original;
    }
  }

  const srcsetOf = (html: string, type: string) =>
    [
      ...html.matchAll(new RegExp(`<source type="${type}" srcset="([^"]+)" sizes="([^"]+)"`, 'g')),
    ].map((m) => ({ srcset: m[1]!, sizes: m[2]! }));

  it('gives every card a <picture> with AVIF and WebP srcsets from one media query', async () => {
    const { html, mediaQueries } = await render(
      '/src/pages/campaigns/[slug]/tracks/[track].astro',
      { slug, track: pageTrack },
      `/campaigns/${slug}/tracks/${pageTrack}`,
    );
    // Four cards, one query for all their images.
    expect(mediaQueries).toHaveLength(1);
    expect(mediaQueries[0]).not.toMatch(/"bytes"/);
    const widths =
      /^\/api\/media\/[0-9a-f]{64} 160w, \/api\/media\/[0-9a-f]{64} 320w, \/api\/media\/[0-9a-f]{64} 640w$/;
    for (const type of ['image/avif', 'image/webp']) {
      const sources = srcsetOf(html, type);
      expect(sources).toHaveLength(2);
      for (const s of sources) {
        expect(s.srcset).toMatch(widths);
        expect(s.sizes).toBe('84px');
      }
    }
    expect(html.indexOf('type="image/avif"')).toBeLessThan(html.indexOf('type="image/webp"'));
    for (const p of people.slice(0, 2)) {
      const img = html.match(
        new RegExp(`<img class="card__portrait" src="/api/media/${p.portraitId}"[^>]*>`),
      );
      expect(img?.[0]).toContain('width="640" height="853"');
      expect(img?.[0]).toContain(`alt="${p.name}"`);
      expect(img?.[0]).toContain('loading="lazy"');
      expect(img?.[0]).toContain('decoding="async"');
    }
    // The old SVG portrait: a plain <img> with its own size, not in a <picture>.
    const svgImg = html.match(
      new RegExp(`(<picture[^>]*>)?<img[^>]*src="/api/media/${svgId}"[^>]*>`),
    );
    expect(svgImg?.[1]).toBeUndefined();
    expect(svgImg?.[0]).toContain('width="200" height="240"');
    expect(svgImg?.[0]).toContain('loading="lazy"');
    // No portrait: the placeholder box.
    expect(html.match(/<picture/g)).toHaveLength(2);
    expect(html).toContain('<span class="card__portrait" aria-hidden="true"');
  });

  it('loads the profile portrait at once, with high priority, in the sizes the layout uses', async () => {
    const p = people[0]!;
    const { html, mediaQueries } = await render(
      '/src/pages/campaigns/[slug]/candidates/[id].astro',
      { slug, id: String(p.id) },
      `/campaigns/${slug}/candidates/${p.id}`,
    );
    expect(mediaQueries).toHaveLength(1);
    const sources = srcsetOf(html, 'image/avif');
    expect(sources).toHaveLength(1);
    expect(sources[0]!.sizes).toBe('(min-width: 720px) 180px, 112px');
    const img = html.match(/<img class="profile__portrait"[^>]*>/)?.[0];
    expect(img).toContain(`src="/api/media/${p.portraitId}"`);
    expect(img).toContain('loading="eager"');
    expect(img).toContain('fetchpriority="high"');
    expect(img).toContain(`alt="${p.name}"`);
  });
});
