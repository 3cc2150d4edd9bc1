import { z } from 'zod';

/** Photo uploads: the request is the image itself, or a multipart form with this field. */
export const uploadFileField = 'file';

/** Bytes of one upload (the route's body limit; multipart adds a little for its envelope). */
export const maxUploadBytes = 10 * 1024 * 1024;

export const candidateIdParamSchema = z.object({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

const copySchema = z.object({
  id: z.string(),
  contentType: z.enum(['image/webp', 'image/avif']),
  width: z.int(),
  height: z.int(),
});

/** `POST /api/staff/candidates/:id/portrait` */
export const portraitSetResponseSchema = z.object({
  candidateId: z.int(),
  portraitId: z.string(),
  previousPortraitId: z.string().nullable(),
  url: z.string(),
  copies: z.array(copySchema),
});

/** `POST /api/staff/media` */
export const mediaUploadResponseSchema = z.object({
  id: z.string(),
  url: z.string(),
  markdown: z.string(),
  copies: z.array(copySchema),
});
