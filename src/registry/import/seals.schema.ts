import { z } from 'zod';
import { defineColumns, type FileSpec } from './columns.js';
import { choice, date, id, optionalDate, optionalText, type Reason, reject } from './fields.js';

/**
 * 印鑑登録: the 印影 is a PNG, given as a path relative to the CSV file or
 * inline as base64 (optionally a data: URL). Reading and checking the image
 * happens after the row is valid (it needs the file system).
 */
export type ImpressionSource = { kind: 'base64'; bytes: Uint8Array } | { kind: 'path'; path: string };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
// Every PNG starts with the same eight bytes, so its base64 starts with this.
const PNG_BASE64_PREFIX = 'iVBORw0KGgo';

export function impression() {
  return z.string().transform((raw, ctx): ImpressionSource => {
    const value = raw.trim();
    if (value === '') return reject(ctx, { ja: '必須の項目が空です。', en: 'a required value is empty.' });
    const inline = value.replace(/^data:image\/png;base64,/i, '');
    if (inline !== value || inline.startsWith(PNG_BASE64_PREFIX)) {
      const compact = inline.replace(/\s+/g, '');
      if (!BASE64.test(compact) || compact.length % 4 !== 0) {
        return reject(ctx, { ja: 'base64 として読めません。', en: 'not valid base64.' });
      }
      return { kind: 'base64', bytes: new Uint8Array(Buffer.from(compact, 'base64')) };
    }
    if (/[\u0000-\u001F]/.test(value) || value.length > 500) {
      return reject(ctx, { ja: '画像ファイルのパスとして読めません。', en: 'not a usable image file path.' });
    }
    return { kind: 'path', path: value };
  });
}

const { columns, object } = defineColumns({
  registration_no: ['登録番号', true, id()],
  resident_id: ['宛名番号', true, id()],
  card_no: [
    '登録証番号',
    true,
    z.string().transform((raw, ctx) => {
      const value = raw.normalize('NFKC').trim();
      if (!/^[0-9A-Za-z-]{1,20}$/.test(value)) {
        const reason: Reason = {
          ja: '印鑑登録証の番号は英数字とハイフン（20文字まで）です。',
          en: 'a seal card number is letters, digits and hyphens (at most 20).',
        };
        return reject(ctx, reason);
      }
      return value;
    }),
  ],
  impression: ['印影', true, impression()],
  registered_on: ['登録日', true, date()],
  status: ['状態', false, choice({ active: ['登録', '有効'], abolished: ['廃止'] }, { default: 'active' })],
  abolished_on: ['廃止日', false, optionalDate()],
  abolished_reason: ['廃止事由', false, optionalText({ max: 200, multiline: true })],
});

const schema = object.superRefine((row, ctx) => {
  if ((row.status === 'active') !== (row.abolished_on === null)) {
    reject(
      ctx,
      row.status === 'active'
        ? { ja: '有効な登録に廃止日があります。', en: 'an active registration has an abolition date.' }
        : { ja: '廃止の行には廃止日が必要です。', en: 'an abolished registration needs its abolition date.' },
      ['abolished_on'],
    );
  }
  if (row.abolished_on !== null && row.abolished_on < row.registered_on) {
    reject(ctx, { ja: '登録日より前の日付です。', en: 'the date is before the registration date.' }, [
      'abolished_on',
    ]);
  }
});

export type SealRow = z.output<typeof schema>;

export const sealsFile: FileSpec<SealRow> = { kind: 'seals', columns, schema };
