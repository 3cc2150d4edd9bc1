import type { z } from 'zod';
import { toTraditional } from './convert-chinese.ts';
import type { Locale } from './locales.ts';

/**
 * What a field check found, as zod reports it (the parts that say what to change). Domain verbs
 * that check a shape late (a candidate's own kind) keep these in an error's details, so the
 * answer can be worded in the reader's language like any other.
 */
export interface FieldIssue {
  path: string;
  code: string;
  message: string;
  origin?: string | undefined;
  minimum?: number | bigint | undefined;
  maximum?: number | bigint | undefined;
  expected?: string | undefined;
  format?: string | undefined;
  values?: unknown[] | undefined;
  keys?: string[] | undefined;
}

/** A zod issue as a FieldIssue. */
export function fieldIssueOf(issue: z.core.$ZodIssue): FieldIssue {
  const i = issue as unknown as Record<string, unknown>;
  return {
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
    origin: typeof i.origin === 'string' ? i.origin : undefined,
    minimum: typeof i.minimum === 'number' ? i.minimum : undefined,
    maximum: typeof i.maximum === 'number' ? i.maximum : undefined,
    expected: typeof i.expected === 'string' ? i.expected : undefined,
    format: typeof i.format === 'string' ? i.format : undefined,
    values: Array.isArray(i.values) ? i.values : undefined,
    keys: Array.isArray(i.keys) ? (i.keys as string[]) : undefined,
  };
}

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

/**
 * The issue in staff Chinese, saying what to change ("必填", "最多 100 个字"), rather than zod's
 * developer English ("Too small: expected string to have >=1 characters"). Messages the schemas
 * wrote themselves in Chinese are kept. English readers get zod's own wording.
 */
function chineseMessage(i: FieldIssue): string {
  if (hasChinese(i.message)) return i.message;
  const min = i.minimum === undefined ? '' : String(i.minimum);
  const max = i.maximum === undefined ? '' : String(i.maximum);
  switch (i.code) {
    case 'too_small':
      if (i.origin === 'string') return min === '1' ? '必填，不能为空。' : `至少 ${min} 个字。`;
      if (i.origin === 'array') return `至少选择 ${min} 项。`;
      return `不能小于 ${min}。`;
    case 'too_big':
      if (i.origin === 'string') return `最多 ${max} 个字，请精简。`;
      if (i.origin === 'array') return `最多 ${max} 项。`;
      return `不能大于 ${max}。`;
    case 'invalid_type':
      if (/received undefined|received null/.test(i.message)) return '必填，不能为空。';
      if (i.expected === 'int' || i.expected === 'number') return '请填写整数。';
      return '格式不正确，请按提示填写。';
    case 'invalid_value':
      return i.values && i.values.length > 0
        ? `请从以下选项中选择：${i.values.map(String).join('、')}。`
        : '请从列表中选择。';
    case 'invalid_format':
      if (i.format === 'email') return '邮箱地址格式不正确。';
      if (i.format === 'datetime' || i.format === 'date') return '日期时间格式不正确。';
      return '格式不正确，请按提示填写。';
    case 'unrecognized_keys':
      return `这些内容不属于此类对象，请删去：${(i.keys ?? []).join('、')}。`;
    case 'not_multiple_of':
      return '请填写整数。';
    default:
      return '格式不正确，请按提示填写。';
  }
}

export function describeFieldIssue(issue: FieldIssue, locale: Locale): string {
  if (locale === 'en') return issue.message;
  const text = chineseMessage(issue);
  return locale === 'zh-TW' ? toTraditional(text) : text;
}
