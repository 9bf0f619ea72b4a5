import type { z } from 'zod';
import { AppError, type ErrorDetail } from './errors.js';

/** Parses input with a zod schema; every issue becomes a detail with its path. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, where = 'input'): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details: ErrorDetail[] = result.error.issues.slice(0, 50).map((issue) => {
    const path = issue.path.map(String).join('.') || where;
    return { at: path, ja: `${path}: ${japaneseIssue(issue)}`, en: `${path}: ${issue.message}` };
  });
  throw new AppError(
    'invalid',
    'invalid_input',
    { ja: '入力内容に誤りがあります。', en: 'The input is not valid.' },
    { details },
  );
}

function japaneseIssue(issue: z.core.$ZodIssue): string {
  // A message written for this field wins; otherwise a generic one by kind.
  const custom = (issue as { params?: { ja?: string } }).params?.ja;
  if (custom) return custom;
  switch (issue.code) {
    case 'invalid_type':
      return '形式が正しくありません。';
    case 'too_big':
      return '長すぎるか、大きすぎます。';
    case 'too_small':
      return '短すぎるか、小さすぎます。';
    case 'invalid_format':
      return '書式が正しくありません。';
    case 'unrecognized_keys':
      return `不明な項目があります（${issue.keys.join(', ')}）。`;
    case 'invalid_value':
      return '選べない値です。';
    default:
      return '値が正しくありません。';
  }
}
