/**
 * The receipt page's list of this device's own receipts, from the browser's storage: the page's
 * HTML is the same for every reader, and the list is drawn here.
 */

import { formatMoment, loadReceipts } from './device-receipts.ts';

export function mountDeviceReceipts() {
  const section = document.querySelector<HTMLElement>('[data-device-receipts]');
  const list = section?.querySelector<HTMLUListElement>('[data-device-receipts-list]');
  if (!section || !list) return;
  const receipts = loadReceipts();
  if (receipts.length === 0) return;
  const strings = JSON.parse(section.dataset.strings ?? '{}') as { entry: string };
  const lang = document.documentElement.lang;
  // A language chosen in the URL stays in the links (the cookie may be refused).
  const langParam = new URL(location.href).searchParams.get('lang');
  list.replaceChildren(
    ...receipts.map((r) => {
      const li = document.createElement('li');
      const link = document.createElement('a');
      const href = new URL('/receipt', location.href);
      href.searchParams.set('code', r.code);
      if (langParam) href.searchParams.set('lang', langParam);
      link.href = href.pathname + href.search;
      link.className = 'device-receipts__code';
      link.textContent = r.code;
      const campaign = document.createElement('span');
      campaign.className = 'device-receipts__campaign';
      campaign.textContent = r.campaignTitle;
      const what = document.createElement('span');
      what.textContent = strings.entry
        .replace('{track}', r.trackName)
        .replace('{when}', formatMoment(new Date(r.castAt), lang));
      li.append(link, campaign, what);
      return li;
    }),
  );
  section.hidden = false;
}
