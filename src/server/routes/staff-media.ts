import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DomainError } from '#src/domain/errors.ts';
import { removeCandidatePortrait } from '#src/domain/media/remove-candidate-portrait.ts';
import { setCandidatePortrait } from '#src/domain/media/set-candidate-portrait.ts';
import { storeUploadedImage } from '#src/domain/media/store-uploaded-image.ts';
import { maxUploadBytes, uploadFileField } from '#src/schemas/media-upload.ts';
import type { ApiEnv } from '../api-deps.ts';
import { errorResponse } from '../http-errors.ts';
import { staffActions } from '../admin-access.ts';
import { actingStaff, requireStaff } from '../staff-auth.ts';
import { validParams } from '../request-validators.ts';

/** Photo uploads for staff. Plain routes under /api/staff, outside the public OpenAPI document. */
export const staffMediaRoutes = new Hono<ApiEnv>();
const editors = requireStaff(...staffActions['campaign.edit']);

const tooLarge = new DomainError('payload_too_large', 'image_too_large', {
  maxMegabytes: maxUploadBytes / 1024 / 1024,
});

/**
 * Stops reading at the limit instead of buffering whatever is sent. A multipart envelope adds
 * a few hundred bytes around the file; the file itself is held to the exact limit afterwards.
 */
const uploadLimit = bodyLimit({
  maxSize: maxUploadBytes + 16 * 1024,
  onError: (c) => errorResponse(c, tooLarge),
});

// The candidate's id is the path's `id`.
const validCandidateId = validParams('id');

/**
 * The uploaded bytes: the body itself, or the `file` field of a multipart form (what a browser
 * form sends). The declared types of either are ignored; the bytes are sniffed later.
 */
async function readUpload(c: Context<ApiEnv>): Promise<Uint8Array> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (!type.startsWith('multipart/form-data')) return new Uint8Array(await c.req.arrayBuffer());
  let form: FormData;
  try {
    form = await c.req.formData();
  } catch {
    throw new DomainError('invalid_request', 'image_missing');
  }
  const file = form.get(uploadFileField);
  if (file === null || typeof file === 'string') {
    throw new DomainError('invalid_request', 'image_missing');
  }
  if (file.size > maxUploadBytes) throw tooLarge;
  return new Uint8Array(await file.arrayBuffer());
}

const mediaUrl = (id: string) => `/api/media/${id}`;

staffMediaRoutes.post(
  '/staff/candidates/:id/portrait',
  editors,
  validCandidateId,
  uploadLimit,
  async (c) => {
    const { db } = c.var.deps;
    const result = await setCandidatePortrait(db, {
      candidateId: c.req.valid('param').id,
      bytes: await readUpload(c),
      ...actingStaff(c),
    });
    return c.json({ ...result, url: mediaUrl(result.portraitId) }, 200);
  },
);

staffMediaRoutes.delete('/staff/candidates/:id/portrait', editors, validCandidateId, async (c) => {
  const { db } = c.var.deps;
  const result = await removeCandidatePortrait(db, {
    candidateId: c.req.valid('param').id,
    ...actingStaff(c),
  });
  return c.json(result, 200);
});

staffMediaRoutes.post('/staff/media', editors, uploadLimit, async (c) => {
  const { db } = c.var.deps;
  const stored = await storeUploadedImage(db, {
    bytes: await readUpload(c),
    ...actingStaff(c),
  });
  const url = mediaUrl(stored.id);
  return c.json({ id: stored.id, url, markdown: `![](${url})`, copies: stored.copies }, 201);
});
