import { z } from 'zod';
import { ROLES } from '../domain/permissions.js';

const loginName = z.string().refine((text) => /^[a-z0-9][a-z0-9._-]{2,31}$/.test(text), {
  message: '3–32 lower-case letters, digits or . _ -',
  params: { ja: 'ログインIDは英小文字・数字・. _ - の3〜32文字です。' },
});
const terminalId = z.string().refine((text) => /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(text), {
  message: '1–64 letters, digits or . _ -',
  params: { ja: '端末IDは英数字と . _ - の64文字以内です。' },
});
// Long enough for any policy-conforming password, short enough that scrypt is not fed megabytes.
const password = z.string().min(1).max(512);
const reason = z.string().trim().min(1).max(400);

export const loginSchema = z.strictObject({
  municipalityCode: z.string().regex(/^[0-9]{6}$/),
  loginName,
  password,
  totp: z.string().max(16).optional(),
  terminalId,
});

export const changePasswordSchema = z.strictObject({ currentPassword: password, newPassword: password });

export const confirmTotpSchema = z.strictObject({ code: z.string().max(16) });

export const createStaffSchema = z.strictObject({
  loginName,
  displayName: z.string().trim().min(1).max(100),
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
  reason: reason.optional(),
});

export const staffIdParams = z.strictObject({ staffId: z.string().max(64) });

export const reasonSchema = z.strictObject({ reason });

export const changeRolesSchema = z.strictObject({
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
  reason,
});
