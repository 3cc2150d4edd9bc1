import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  adminReturnPath,
  isAdminPath,
  openAdminPaths,
  rolesForAdminPath,
} from '../../src/server/admin-access.ts';

const pagesDir = resolve(import.meta.dirname, '../../src/pages/admin');

function pageFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? pageFiles(join(dir, e.name))
      : e.name.endsWith('.astro')
        ? [join(dir, e.name)]
        : [],
  );
}

/** The URL a page file answers, with example values for its parameters. */
function urlOf(file: string): string {
  const route = relative(pagesDir, file)
    .replace(/\.astro$/, '')
    .replace(/(^|\/)index$/, '')
    .replace(/\[slug\]/g, '2026')
    .replace(/\[id\]/g, '7');
  return route === '' ? '/admin' : `/admin/${route}`;
}

describe('admin page access table', () => {
  it('has an entry for every admin page file (or the page is the open login form)', () => {
    const files = pageFiles(pagesDir);
    expect(files.length).toBeGreaterThanOrEqual(12);
    const uncovered = files
      .map(urlOf)
      .filter((url) => !openAdminPaths.has(url) && rolesForAdminPath(url) === null);
    expect(uncovered).toEqual([]);
  });

  it('answers the most specific entry first and fails closed elsewhere', () => {
    expect(rolesForAdminPath('/admin/campaigns/new')).toEqual(['admin', 'editor']);
    expect(rolesForAdminPath('/admin/campaigns/2026')).toHaveLength(4);
    expect(rolesForAdminPath('/admin/accounts/')).toEqual(['admin']);
    expect(rolesForAdminPath('/admin/campaigns/2026/unknown')).toBeNull();
    expect(rolesForAdminPath('/admin/candidates/abc')).toBeNull();
  });

  it('knows what is under /admin', () => {
    expect(isAdminPath('/admin')).toBe(true);
    expect(isAdminPath('/admin/audit')).toBe(true);
    expect(isAdminPath('/administration')).toBe(false);
    expect(isAdminPath('/campaigns/2026')).toBe(false);
  });
});

describe('adminReturnPath', () => {
  it.each([
    ['/admin/campaigns/2026?tab=x', '/admin/campaigns/2026?tab=x'],
    ['/admin', '/admin'],
    [null, '/admin'],
    ['https://evil.example/admin', '/admin'],
    ['//evil.example/admin', '/admin'],
    ['/admin\\..\\x', '/admin'],
    ['/admin/x\r\nSet-Cookie: a=b', '/admin'],
    ['/admin/候选', '/admin'],
    ['/administrator', '/admin'],
  ])('leads %j to %j', (next, path) => {
    expect(adminReturnPath(next)).toBe(path);
  });
});
