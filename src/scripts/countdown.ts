/**
 * Keeps the vote's countdown current without a reload. The server has written the text
 * already; this only corrects it once a minute. The element is `aria-live="off"`: a clock that
 * announced itself every minute would talk over whatever a screen reader user is reading.
 *
 * With reduced motion asked for, the text does not change by itself: it is corrected only when
 * the reader comes back to the page. A page that is not shown does no work at all.
 */
import { countdownText, msUntilNextChange, type CountdownTemplates } from './countdown-text.ts';

export function mountCountdown() {
  const el = document.querySelector<HTMLElement>('[data-countdown]');
  if (!el) return;
  const closes = Date.parse(el.dataset.closes ?? '');
  // The phone's clock may be wrong; the server's, which wrote the page moments ago, is not.
  const skew = Date.parse(el.dataset.now ?? '') - Date.now();
  const templates = JSON.parse(el.dataset.templates ?? 'null') as CountdownTemplates | null;
  if (!templates || Number.isNaN(closes) || Number.isNaN(skew)) return;
  const locale = document.documentElement.lang;
  const still = matchMedia('(prefers-reduced-motion: reduce)');
  let timer: ReturnType<typeof setTimeout> | undefined;

  function update() {
    clearTimeout(timer);
    const left = closes - (Date.now() + skew);
    const text = countdownText(left, templates!, locale);
    if (el!.textContent !== text) el!.textContent = text;
    if (left > 0 && !still.matches && document.visibilityState === 'visible') {
      timer = setTimeout(update, msUntilNextChange(left) + 50);
    }
  }

  document.addEventListener('visibilitychange', update);
  still.addEventListener('change', update);
  update();
}
