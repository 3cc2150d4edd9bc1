import type { UiDictionary } from './zh-cn.ts';
import type { zhCNNotices } from './zh-cn-notices.ts';

/** English interface text for notices; spread into ./en.ts. */
export const enNotices: Pick<UiDictionary, keyof typeof zhCNNotices> = {};
