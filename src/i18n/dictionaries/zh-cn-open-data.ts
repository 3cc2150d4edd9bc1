/** Simplified Chinese interface text for open data; spread into ./zh-cn.ts. */
export const zhCNOpenData = {} as const;
