/**
 * A link between public pages that keeps a staff preview going: staff open a campaign's pages
 * with `?preview=1` before the list is published, and every link onwards must carry it.
 */
export function previewHref(href: string, preview: boolean | undefined): string {
  if (!preview) return href;
  return `${href}${href.includes('?') ? '&' : '?'}preview=1`;
}
