/** Photo uploads: the request is the image itself, or a multipart form with this field. */
export const uploadFileField = 'file';

/** Bytes of one upload (the route's body limit; multipart adds a little for its envelope). */
export const maxUploadBytes = 10 * 1024 * 1024;
