/**
 * The opening hours and calendar an administrator sets for a municipality,
 * as stored JSON: the same ServiceHoursConfig the rules of
 * src/domain/service-hours.ts read, validated strictly on the way in.
 */
import { z } from 'zod';
import { CERTIFICATE_TYPES } from '../../domain/certificates.js';
import { CHANNELS, KIOSK_KINDS } from '../../domain/channel-rules.js';
import { isIsoDate } from '../../domain/japanese-era.js';
import { checkServiceHours, type ServiceHoursConfig } from '../../domain/service-hours.js';
import { AppError } from '../../shared/errors.js';

const clock = (allow24: boolean) =>
  z.string().refine(
    (v) => {
      const m = /^(\d{2}):(\d{2})$/.exec(v);
      if (!m) return false;
      const minutes = Number(m[1]) * 60 + Number(m[2]);
      return Number(m[2]) < 60 && minutes <= (allow24 ? 1440 : 1439);
    },
    {
      message: allow24 ? 'HH:MM (00:00–24:00)' : 'HH:MM (00:00–23:59)',
      params: { ja: '時刻はHH:MMで入力してください。' },
    },
  );
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'MM-DD' });
const localDateTime = z
  .string()
  .refine(
    (v) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) &&
      isIsoDate(v.slice(0, 10)) &&
      Number(v.slice(11, 13)) < 24 &&
      Number(v.slice(14)) < 60,
    { message: 'YYYY-MM-DDTHH:MM (Tokyo time)' },
  );
const message = z.strictObject({
  ja: z.string().trim().min(1).max(100),
  en: z.string().trim().min(1).max(200),
});
const weekdays = z
  .array(z.int().min(0).max(6))
  .min(1)
  .max(7)
  .refine((d) => new Set(d).size === d.length, {
    message: 'days must not repeat',
  });

const windowSchema = z
  .strictObject({ days: weekdays, open: clock(false), close: clock(true), onHolidays: z.boolean() })
  .refine((w) => w.open < w.close, { message: 'open must be before close', path: ['close'] });

const planSchema = z.strictObject({
  windows: z.array(windowSchema).max(20),
  annualClosures: z
    .array(z.strictObject({ from: monthDay, to: monthDay, name: message }))
    .max(20)
    .optional(),
  outages: z
    .array(
      z
        .strictObject({ from: localDateTime, to: localDateTime, reason: message })
        .refine((o) => o.from < o.to, { message: 'from must be before to', path: ['to'] }),
    )
    .max(200)
    .optional(),
  specialOpenings: z
    .array(
      z
        .strictObject({
          date: z.string().refine(isIsoDate, { message: 'YYYY-MM-DD' }),
          open: clock(false),
          close: clock(true),
        })
        .refine((s) => s.open < s.close, { message: 'open must be before close', path: ['close'] }),
    )
    .max(200)
    .optional(),
});

export const serviceHoursConfigSchema = z.strictObject({
  counter: planSchema,
  mail: planSchema,
  kiosk: planSchema,
  kioskTownHall: planSchema.optional(),
  online: planSchema,
  exceptions: z
    .array(
      z.strictObject({
        certificates: z.array(z.enum(CERTIFICATE_TYPES)).min(1),
        channels: z.array(z.enum(CHANNELS)).min(1),
        kioskKinds: z.array(z.enum(KIOSK_KINDS)).min(1).optional(),
        windows: z.array(windowSchema).max(20),
        outages: z
          .array(z.strictObject({ from: localDateTime, to: localDateTime, reason: message }))
          .max(200)
          .optional(),
      }),
    )
    .max(50)
    .optional(),
});

/**
 * Parses a configuration and runs the rules on it once per channel, so a
 * configuration the engine could not use is refused when saved, not at a kiosk.
 */
export function parseServiceHoursConfig(input: unknown): ServiceHoursConfig {
  const result = serviceHoursConfigSchema.safeParse(input);
  if (!result.success)
    throw new AppError(
      'invalid',
      'service_hours_invalid',
      { ja: '受付時間の設定に誤りがあります。', en: 'The opening hours are not valid.' },
      {
        details: result.error.issues.slice(0, 50).map((issue) => {
          const at = issue.path.map(String).join('.');
          return { at, ja: `${at}: ${issue.message}`, en: `${at}: ${issue.message}` };
        }),
      },
    );
  const config = result.data as ServiceHoursConfig;
  try {
    for (const channel of CHANNELS)
      checkServiceHours({ channel, certificate: 'juminhyo', at: new Date('2026-01-05T00:00:00Z'), config });
  } catch (error) {
    throw new AppError(
      'invalid',
      'service_hours_invalid',
      { ja: '受付時間の設定に誤りがあります。', en: 'The opening hours are not valid.' },
      { cause: error },
    );
  }
  return config;
}
