import type { UiDictionary } from './zh-cn.ts';
import type { zhCNOpenData } from './zh-cn-open-data.ts';

/** English interface text for open data; spread into ./en.ts. */
export const enOpenData: Pick<UiDictionary, keyof typeof zhCNOpenData> = {};
