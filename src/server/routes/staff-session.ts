import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { DomainError } from '#src/domain/errors.ts';
import { logInStaff } from '#src/domain/staff/log-in-staff.ts';
import { logOutEverywhere } from '#src/domain/staff/log-out-everywhere.ts';
import { logOutStaff } from '#src/domain/staff/log-out-staff.ts';
import { changeOwnPassword } from '#src/domain/staff/change-own-password.ts';
import QRCode from 'qrcode';
import { confirmSecondFactor } from '#src/domain/staff/confirm-second-factor.ts';
import { findSecondFactorStatus } from '#src/domain/staff/find-second-factor-status.ts';
import { renewRecoveryCodes } from '#src/domain/staff/renew-recovery-codes.ts';
import { setUpSecondFactor } from '#src/domain/staff/set-up-second-factor.ts';
import { turnOffSecondFactor } from '#src/domain/staff/turn-off-second-factor.ts';
import {
  secondFactorCodeSchema,
  secondFactorSetupSchema,
  staffLoginRequestSchema,
  staffPasswordChangeSchema,
} from '#src/schemas/staff.ts';
import { validJson } from '../request-validators.ts';
import type { ApiEnv } from '../api-deps.ts';
import {
  clearStaffCookie,
  requireStaffWhileEnrolling,
  sameOrigin,
  staffCookieName,
  staffCookieOptions,
  staffDeviceCookieName,
  staffDeviceCookieOptions,
} from '../staff-auth.ts';
import { addressHash, deviceHash, newDeviceCookie, readDeviceCookie } from '../voter-identity.ts';
import { chinaDay } from '#src/domain/china-time.ts';

/**
 * Staff login and logout. A plain Hono app, not an OpenAPI router: these routes are for the
 * admin pages and stay out of the public API description. create-api.ts runs staffSession()
 * for /api/staff/* before them.
 */
export const staffSessionRoutes = new Hono<ApiEnv>();

/**
 * A step on one's own second factor, as the verbs take it: the staff member, the code they typed
 * (from their authenticator app, or a recovery code where the verb takes one) and the time.
 */
function ownCode(c: Context<ApiEnv>, code: string) {
  return { userId: c.var.staff!.user.id, code, now: c.var.deps.clock.now() };
}

staffSessionRoutes
  .post(
    '/staff/session',
    bodyLimit({
      maxSize: 4 * 1024,
      onError: () => {
        throw new DomainError('payload_too_large');
      },
    }),
    // Login CSRF (being logged in as someone else) is refused by Origin, and by the JSON body,
    // which a cross-site form cannot send.
    sameOrigin(),
    validJson(staffLoginRequestSchema),
    async (c) => {
      const { db, config, clock, clientAddress, addressKeys, botCheck } = c.var.deps;
      const body = c.req.valid('json');
      const now = clock.now();
      const address = clientAddress(c);
      // Keyed per calendar day in China, like voters' addresses (an IPv6 /64 as one address).
      const key = await addressKeys.keyOf(chinaDay(now), now);
      // A browser without a staff device cookie gets one if this login succeeds; its hash is
      // recorded with the attempt, so the next login from it counts as a known device.
      const known = readDeviceCookie(config.sessionSecret, getCookie(c, staffDeviceCookieName));
      const fresh = known ? null : newDeviceCookie(config.sessionSecret, now);
      const login = await logInStaff(db, {
        email: body.email,
        password: body.password,
        addressHash: addressHash(key, address),
        deviceHash: deviceHash(config.sessionSecret, (known ?? fresh!).deviceId),
        botCheck:
          body.botCheck === undefined
            ? null
            : botCheck.proofOf({ proof: body.botCheck, remoteIp: address, action: 'login', now }),
        secondFactorCode: body.secondFactorCode ?? null,
        rememberDevice: body.rememberDevice ?? false,
        userAgent: c.req.header('user-agent') ?? '',
        now,
      });
      setCookie(c, staffCookieName(config), login.token, staffCookieOptions(config));
      if (fresh) {
        setCookie(c, staffDeviceCookieName, fresh.value, staffDeviceCookieOptions(config));
      }
      c.header('Cache-Control', 'no-store');
      return c.json({ user: login.user, csrfToken: login.csrfToken }, 200);
    },
  )
  .get('/staff/session', requireStaffWhileEnrolling(), (c) => {
    const staff = c.var.staff!;
    return c.json(
      {
        user: staff.user,
        csrfToken: staff.csrfToken,
        secondFactor: staff.secondFactorOn ? 'on' : staff.secondFactorMissing ? 'required' : 'off',
      },
      200,
    );
  })
  .delete('/staff/session', requireStaffWhileEnrolling(), async (c) => {
    const { db, clock } = c.var.deps;
    await logOutStaff(db, { sessionId: c.var.staff!.sessionId, now: clock.now() });
    clearStaffCookie(c);
    return c.body(null, 204);
  })
  // Any role changes its own password: the current one is required, other sessions end.
  .post(
    '/staff/password',
    requireStaffWhileEnrolling(),
    validJson(staffPasswordChangeSchema),
    async (c) => {
      const { db, clock } = c.var.deps;
      const { user, sessionId } = c.var.staff!;
      const body = c.req.valid('json');
      const result = await changeOwnPassword(db, {
        userId: user.id,
        sessionId,
        currentPassword: body.currentPassword,
        newPassword: body.newPassword,
        now: clock.now(),
      });
      return c.json(result, 200);
    },
  )
  .delete('/staff/sessions', requireStaffWhileEnrolling(), async (c) => {
    const { db, clock } = c.var.deps;
    const { user } = c.var.staff!;
    await logOutEverywhere(db, { userId: user.id, actorId: user.id, now: clock.now() });
    clearStaffCookie(c);
    return c.body(null, 204);
  })
  // The second factor: each staff member sets up their own authenticator app. Allowed before it
  // is set up (an admin or monitor must do this before anything else).
  .get('/staff/second-factor', requireStaffWhileEnrolling(), async (c) => {
    const status = await findSecondFactorStatus(c.var.deps.db, c.var.staff!.user.id);
    return c.json(status, 200);
  })
  .post(
    '/staff/second-factor/setup',
    requireStaffWhileEnrolling(),
    validJson(secondFactorSetupSchema),
    async (c) => {
      const { db, clock } = c.var.deps;
      const body = c.req.valid('json');
      const setup = await setUpSecondFactor(db, {
        userId: c.var.staff!.user.id,
        currentPassword: body.currentPassword,
        currentCode: body.currentCode,
        now: clock.now(),
      });
      // The secret leaves the server once, in this answer, as text and as a QR code of the
      // otpauth:// address (made here: the `qrcode` package never reaches a page script).
      const qr = await QRCode.toDataURL(setup.uri, { errorCorrectionLevel: 'M', margin: 2 });
      return c.json({ secret: setup.secret, uri: setup.uri, qr }, 200);
    },
  )
  .post(
    '/staff/second-factor',
    requireStaffWhileEnrolling(),
    validJson(secondFactorCodeSchema),
    async (c) => {
      const result = await confirmSecondFactor(c.var.deps.db, {
        ...ownCode(c, c.req.valid('json').code),
        sessionId: c.var.staff!.sessionId,
      });
      return c.json(result, 200);
    },
  )
  .post(
    '/staff/second-factor/recovery-codes',
    requireStaffWhileEnrolling(),
    validJson(secondFactorCodeSchema),
    async (c) => {
      const result = await renewRecoveryCodes(c.var.deps.db, ownCode(c, c.req.valid('json').code));
      return c.json(result, 200);
    },
  )
  .post(
    '/staff/second-factor/off',
    requireStaffWhileEnrolling(),
    validJson(secondFactorCodeSchema),
    async (c) => {
      await turnOffSecondFactor(c.var.deps.db, ownCode(c, c.req.valid('json').code));
      return c.body(null, 204);
    },
  );
