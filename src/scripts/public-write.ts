/**
 * What the ballot and the report scripts share about sending: a device cookie comes from
 * `GET /api/device` when a page that can send loads, never from the write itself; a write
 * refused with 428 `device_required` (the cookie was cleared, or the first request had not come
 * back) gets a device and is sent once more, unseen by the reader.
 */

let device: Promise<void> | undefined;

/** Asks for a device cookie once per page; a failure is tried again on the next call. */
export function ensureDevice(): Promise<void> {
  device ??= fetch('/api/device', { credentials: 'same-origin', cache: 'no-store' }).then(
    (res) => {
      if (!res.ok) throw new Error(`device: ${res.status}`);
    },
    (e: unknown) => {
      device = undefined;
      throw e;
    },
  );
  return device;
}

/** POSTs `body` as JSON; answers the response and its JSON body (null when it has none). */
export async function postJson<T>(
  url: string,
  body: unknown,
): Promise<{ res: Response; body: T | null }> {
  const send = () =>
    fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
  await ensureDevice().catch(() => undefined);
  let res = await send();
  if (res.status === 428) {
    device = undefined;
    await ensureDevice();
    res = await send();
  }
  return { res, body: (await res.json().catch(() => null)) as T | null };
}
