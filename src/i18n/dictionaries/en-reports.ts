import type { UiDictionary } from './zh-cn.ts';
import type { zhCNReports } from './zh-cn-reports.ts';

/** English interface text for reports; spread into ./en.ts. */
export const enReports: Pick<UiDictionary, keyof typeof zhCNReports> = {};
