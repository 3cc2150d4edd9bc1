/** How the monitor's panels write a share and a hash: 37%, and the hash's first ten characters. */
export const percent = (x: number) => `${(x * 100).toFixed(0)}%`;

export const shortHash = (h: string) => `${h.slice(0, 10)}…`;
