/**
 * The ALTCHA widget, loaded on demand (a dynamic import) by bot-check-widget.ts, never with the
 * page. It is the build without inlined workers or styles ("external"), so the CSP needs no
 * `blob:` worker and no inline style of its own: the Argon2id worker is a file of our build,
 * and the styles are a stylesheet of our build.
 */
import 'altcha/external';
import 'altcha/altcha.css';
import Argon2idWorker from 'altcha/workers/argon2id?worker';

globalThis.$altcha.algorithms.set('ARGON2ID', () => new Argon2idWorker());

export interface AltchaElementOptions {
  challengeUrl: string;
  language: string;
  strings: Record<string, string>;
}

/** A widget element; bot-check-widget.ts starts it once it has loaded. */
export function createAltchaElement(options: AltchaElementOptions): HTMLElement {
  globalThis.$altcha.i18n.set(options.language, options.strings);
  const el = document.createElement('altcha-widget');
  el.setAttribute('challenge', options.challengeUrl);
  el.setAttribute('language', options.language);
  el.setAttribute(
    'configuration',
    JSON.stringify({
      // Nothing is collected beyond the proof itself, and nothing links to another site.
      humanInteractionSignature: false,
      hideFooter: true,
      hideLogo: true,
      // A solved proof is shown as such at once; the work itself takes about a second.
      minDuration: 0,
    }),
  );
  return el;
}
