/** Simplified Chinese interface text for reports; spread into ./zh-cn.ts. */
export const zhCNReports = {} as const;
