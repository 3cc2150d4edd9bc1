/**
 * Security headers of the front server, per kind of response. Every value is built once at
 * start-up; a request only picks one of the prepared lists.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Header name and value pairs, written as they are. */
export type HeaderList = readonly (readonly [name: string, value: string])[];

export interface SecurityHeaderSets {
  /** HTML pages rendered by Astro. */
  page: HeaderList;
  /**
   * Pages that send something through the bot check (a ballot, a report under a notice, a staff
   * login after failures): the same, plus Cloudflare's widget with Turnstile.
   */
  botCheckPage: HeaderList;
  /** API answers (JSON). Media answers set their own, stricter CSP, which wins. */
  api: HeaderList;
  /** Files from the build's client folder. */
  asset: HeaderList;
  /**
   * Scripts from the build. A page ignores a script's own CSP, but a worker runs under the CSP
   * of its script's response: the bot check's Argon2id worker may compile WebAssembly and do
   * nothing else (no fetch, no further script).
   */
  assetScript: HeaderList;
}

export interface SecurityHeaderOptions {
  /** HSTS is sent only when the public origin is https: a browser ignores it over http anyway. */
  publicBaseUrl: string;
  /**
   * Turnstile loads Cloudflare's script and frame on ballot and notice pages. ALTCHA loads
   * nothing foreign: its widget, its worker and its WebAssembly come from our own origin.
   */
  botCheckProvider: 'altcha' | 'turnstile';
  /**
   * CSP sources (`'sha256-…'`) of the inline scripts the build puts in pages. Astro inlines a
   * small processed script into the page instead of linking it, and an inline script runs
   * under `script-src 'self'` only with its hash.
   */
  inlineScriptHashes: readonly string[];
}

const turnstileOrigin = 'https://challenges.cloudflare.com';

/** Where a ballot can be sent from: a track's list and a candidate's profile. */
const ballotPagePath = /^\/campaigns\/[^/]+\/(?:tracks|candidates)\/[^/]+\/?$/;
/**
 * Where a report can be sent from: a notice's own page (its slug has the slug format, so feeds
 * and files beside the notices, such as `/notices/feed.xml`, are not notice pages).
 */
const noticePagePath = /^\/notices\/[a-z0-9-]+\/?$/;

/** The staff login, which asks for a proof after repeated failed logins on an account. */
const loginPagePath = /^\/admin\/login\/?$/;

/**
 * Pages that may load the bot check: ballot pages, notice pages (the report form) and the staff
 * login. The front server picks the `botCheckPage` headers with it.
 */
export function isBotCheckPagePath(pathname: string): boolean {
  return (
    ballotPagePath.test(pathname) || noticePagePath.test(pathname) || loginPagePath.test(pathname)
  );
}

function pageCsp(scriptSources: string[], frameSources: string[]): string {
  const directives = [
    "default-src 'self'",
    "img-src 'self' data:",
    // The build inlines every stylesheet into the page, and elements carry style attributes.
    "style-src 'self' 'unsafe-inline'",
    `script-src ${["'self'", ...scriptSources].join(' ')}`,
    ...(frameSources.length > 0 ? [`frame-src ${["'self'", ...frameSources].join(' ')}`] : []),
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ];
  return directives.join('; ');
}

export function buildSecurityHeaders(options: SecurityHeaderOptions): SecurityHeaderSets {
  const hsts: HeaderList = options.publicBaseUrl.startsWith('https:')
    ? [['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']]
    : [];
  const nosniff = ['X-Content-Type-Options', 'nosniff'] as const;
  const referrer = ['Referrer-Policy', 'strict-origin-when-cross-origin'] as const;
  const permissions = [
    'Permissions-Policy',
    'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  ] as const;

  const hashes = [...options.inlineScriptHashes];
  const pageHeaders = (csp: string): HeaderList => [
    ['Content-Security-Policy', csp],
    referrer,
    permissions,
    nosniff,
    ...hsts,
  ];
  const page = pageHeaders(pageCsp(hashes, []));
  const botCheckPage =
    options.botCheckProvider === 'turnstile'
      ? pageHeaders(pageCsp([...hashes, turnstileOrigin], [turnstileOrigin]))
      : page;
  return {
    page,
    botCheckPage,
    api: [
      ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
      referrer,
      nosniff,
      ...hsts,
    ],
    asset: [nosniff, ...hsts],
    assetScript: [
      ['Content-Security-Policy', "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'"],
      nosniff,
      ...hsts,
    ],
  };
}

/** `'sha256-…'`, the CSP source that allows exactly this inline script. */
export function cspHashOf(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

/**
 * The CSP hashes of the scripts Astro inlines into pages, read from the build.
 *
 * Astro keeps them in its serialised manifest as `"inlinedScripts":[[id, content], …]` and
 * renders each as `<script type="module">content</script>`, so the hash of `content` is the
 * hash the browser computes. The manifest always has the key (an empty list when nothing is
 * inlined); if no chunk of the build has it, the build's format has changed and pages would
 * lose their scripts to the CSP, so this throws rather than start a broken site.
 */
export function readInlineScriptHashes(serverDir: string): string[] {
  const key = '"inlinedScripts":';
  const files = readdirSync(serverDir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.mjs'),
  );
  for (const file of files) {
    const text = readFileSync(join(serverDir, file), 'utf8');
    const at = text.indexOf(key);
    if (at === -1) continue;
    const entries = JSON.parse(jsonArrayAt(text, at + key.length)) as [string, string][];
    return entries.map(([, content]) => cspHashOf(content));
  }
  throw new Error(
    `No inlined-script list found in Astro's build (${serverDir}); cannot allow the pages' inline scripts.`,
  );
}

/** The JSON array that starts at `start`, as text: brackets are counted outside strings. */
function jsonArrayAt(text: string, start: number): string {
  if (text[start] !== '[') throw new Error('Astro build manifest: expected a JSON array');
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
    } else if (ch === '[' || ch === '{') {
      depth++;
    } else if (ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  throw new Error('Astro build manifest: unterminated JSON array');
}
