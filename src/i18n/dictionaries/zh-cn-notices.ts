/** Simplified Chinese interface text for notices; spread into ./zh-cn.ts. */
export const zhCNNotices = {} as const;
