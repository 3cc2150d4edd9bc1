import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { localDay } from '../domain/clock.ts';
import { DomainError } from '../domain/errors.ts';
import { proofOfRequest } from '../schemas/bot-check.ts';
import type { ApiEnv } from './api-deps.ts';
import type { BotCheckAction } from './bot-check/bot-check.ts';
import {
  addressHash,
  deviceCookieMaxAgeSeconds,
  deviceCookieName,
  deviceHash,
  hostHash,
  networkHash,
  newDeviceCookie,
  readDeviceCookie,
} from './voter-identity.ts';

/** Who sends a public write, as far as the site knows anyone: hashes only. */
export interface VoterIdentity {
  /** The client address as the server resolved it (for the bot check's provider only). */
  address: string;
  deviceHash: string;
  /** When the device cookie was issued (by `GET /api/device`). */
  deviceIssuedAt: Date;
  /**
   * Under the random key of the local day in `timeZone`: keys change daily and are destroyed
   * soon after, so hashes cannot be joined across days nor, later, reversed. The address hash
   * counts an IPv6 /64 as one address; the host hash is the full address, as evidence.
   */
  addressHash: string;
  hostHash: string;
  networkHash: string;
}

/**
 * The device and address of a ballot or a report. A write without a device cookie signed by us
 * is refused with 428 `device_required` before anything else is done: devices come from
 * `GET /api/device`, never from a write, so two writes of one fresh browser share one device
 * and the device's age at the ballot means something.
 */
async function identifyVoter(c: Context<ApiEnv>, timeZone: string): Promise<VoterIdentity> {
  const { config, clock, clientAddress, addressKeys } = c.var.deps;
  const device = readDeviceCookie(config.sessionSecret, getCookie(c, deviceCookieName));
  if (!device) throw new DomainError('device_required');
  const address = clientAddress(c);
  const now = clock.now();
  const key = await addressKeys.keyOf(localDay(now, timeZone), now);
  return {
    address,
    deviceHash: deviceHash(config.sessionSecret, device.deviceId),
    deviceIssuedAt: device.issuedAt,
    addressHash: addressHash(key, address),
    hostHash: hostHash(key, address),
    networkHash: networkHash(key, address),
  };
}

/**
 * What the verb of a public write (a ballot, a report) takes of its request: the sender as
 * `identifyVoter` knows it, the time, and the request's bot-check proof for `action`, which the
 * verb judges and spends.
 */
export async function publicWriter(
  c: Context<ApiEnv>,
  timeZone: string,
  action: BotCheckAction,
  body: Parameters<typeof proofOfRequest>[0],
) {
  const voter = await identifyVoter(c, timeZone);
  const now = c.var.deps.clock.now();
  const botCheck = c.var.deps.botCheck.proofOf({
    proof: proofOfRequest(body),
    remoteIp: voter.address,
    action,
    now,
  });
  return { voter, now, botCheck };
}

/** Sets a new signed device cookie unless the request has a valid one; true when it set one. */
export function issueDevice(c: Context<ApiEnv>): boolean {
  const { config, clock } = c.var.deps;
  if (readDeviceCookie(config.sessionSecret, getCookie(c, deviceCookieName))) return false;
  const cookie = newDeviceCookie(config.sessionSecret, clock.now());
  setCookie(c, deviceCookieName, cookie.value, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: config.publicBaseUrl.startsWith('https:'),
    path: '/',
    maxAge: deviceCookieMaxAgeSeconds,
  });
  return true;
}
