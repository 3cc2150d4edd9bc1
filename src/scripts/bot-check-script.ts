/**
 * Loading the bot-check widget (Cloudflare's Turnstile, or the local stand-in in test mode)
 * for the forms that send: the ballot sheet and the report form. The script is fetched only
 * when a reader is about to send, once per page.
 */

export interface TurnstileApi {
  render(el: HTMLElement, options: Record<string, unknown>): string;
  reset(id?: string): void;
}

declare global {
  interface Window {
    turnstile?: TurnstileApi;
  }
}

let scriptPromise: Promise<void> | undefined;

/** Adds the widget script once; a failed load may be tried again. */
export function loadBotScript(src: string): Promise<void> {
  scriptPromise ??= new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.async = true;
    s.onload = () => resolve();
    s.onerror = () => {
      scriptPromise = undefined;
      reject(new Error('bot check script failed to load'));
    };
    document.head.append(s);
  });
  return scriptPromise;
}
