/**
 * The bot check of the forms that send (the ballot sheet, the report form), whichever the
 * provider: the self-hosted ALTCHA widget (loaded from our own build when the form is about to
 * send) or Cloudflare's Turnstile. Proofs are single-use: after each send, `reset()` starts a
 * fresh check.
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

export interface BotWidget {
  /** The current proof, or the next one the widget produces; null when the check failed. */
  proof(): Promise<string | null>;
  /** The proof was sent: forget it, and with `again` start a fresh check at once. */
  reset(again: boolean): void;
}

const turnstileScript = 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit';
let turnstileLoaded: Promise<void> | undefined;

function loadTurnstile(): Promise<void> {
  turnstileLoaded ??= new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = turnstileScript;
    s.async = true;
    s.onload = () => resolve();
    s.onerror = () => {
      turnstileLoaded = undefined;
      reject(new Error('bot check script failed to load'));
    };
    document.head.append(s);
  });
  return turnstileLoaded;
}

/**
 * Mounts the widget in `slot`, configured by the form's data attributes
 * (src/render/bot-check-attributes.ts). `onChange` hears whether a proof is ready. Throws
 * when the widget's code cannot be loaded.
 */
export async function mountBotWidget(
  slot: HTMLElement,
  data: DOMStringMap,
  onChange: (ready: boolean) => void,
): Promise<BotWidget> {
  let current: string | null = null;
  let waiting: ((proof: string | null) => void)[] = [];
  const settle = (proof: string | null) => {
    current = proof;
    onChange(proof !== null);
    const w = waiting;
    waiting = [];
    for (const resolve of w) resolve(proof);
  };
  const proof = () =>
    current !== null
      ? Promise.resolve(current)
      : new Promise<string | null>((r) => waiting.push(r));

  if (data.botProvider === 'turnstile') {
    await loadTurnstile();
    const id = window.turnstile!.render(slot, {
      sitekey: data.sitekey,
      action: data.botAction,
      language: data.botLanguage ?? 'auto',
      callback: (token: string) => settle(token),
      'expired-callback': () => {
        current = null;
        onChange(false);
      },
      'error-callback': () => settle(null),
    });
    return {
      proof,
      reset: () => {
        current = null;
        onChange(false);
        window.turnstile?.reset(id);
      },
    };
  }

  const { createAltchaElement } = await import('./altcha-widget.ts');
  const el = createAltchaElement({
    challengeUrl: `/api/bot-check/challenge?action=${encodeURIComponent(data.botAction ?? '')}`,
    language: data.botLanguage ?? 'zh-cn',
    strings: JSON.parse(data.botStrings ?? '{}') as Record<string, string>,
  });
  const widget = el as HTMLElement & { reset(): void; verify(): Promise<unknown> };
  // One check at a time: a second verify() would abort the first.
  let state = 'unverified';
  const start = () => {
    if (current !== null || state === 'verifying') return;
    state = 'verifying';
    void widget.verify();
  };
  el.addEventListener('verified', (e) => {
    settle((e as CustomEvent<{ payload: string }>).detail.payload);
  });
  el.addEventListener('statechange', (e) => {
    state = (e as CustomEvent<{ state: string }>).detail.state;
    if (state === 'error') settle(null);
    else if (state === 'expired') {
      current = null;
      onChange(false);
    }
  });
  // The widget's methods exist once it has loaded; it starts checking then.
  let loaded = false;
  el.addEventListener(
    'load',
    () => {
      loaded = true;
      start();
    },
    { once: true },
  );
  slot.replaceChildren(el);
  return {
    proof: () => {
      // A check that failed, expired or was reset starts again when a proof is asked for.
      if (loaded) start();
      return proof();
    },
    reset: (again) => {
      current = null;
      state = 'unverified';
      onChange(false);
      widget.reset();
      if (again) start();
    },
  };
}
