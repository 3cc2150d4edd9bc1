/**
 * The ballot on list and profile pages: select toggles, a live counter, a review sheet, the bot
 * check (loaded only when the sheet opens) and the receipt. The selection lives in localStorage
 * per campaign and track, so it survives navigation, reloads and failed sends.
 */

import { mountBotWidget, type BotWidget } from './bot-check-widget.ts';
import {
  addReceipt,
  ballotOfToday,
  describeNextBallot,
  formatMoment,
  loadReceipts,
} from './device-receipts.ts';
import { ensureDevice, postJson } from './public-write.ts';

interface Picked {
  id: number;
  name: string;
}

type Strings = Record<
  | 'full'
  | 'none'
  | 'remove'
  | 'sending'
  | 'submit'
  | 'networkError'
  | 'copied'
  | 'selected'
  | 'select'
  | 'limit'
  | 'nextTomorrow'
  | 'nextLater'
  | 'remainingToday'
  | 'listGap',
  string
>;

interface CastAnswer {
  receipt?: string;
  castAt?: string;
  remainingToday?: number;
  nextBallotAt?: string;
  error?: { code: string; message: string };
}

const q = <T extends Element>(root: ParentNode, sel: string) => root.querySelector<T>(sel);

function storageKey(campaign: string, track: string) {
  return `ballot:v1:${campaign}:${track}`;
}

function load(key: string): Picked[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(v)
      ? v.filter((p): p is Picked => typeof p?.id === 'number' && typeof p?.name === 'string')
      : [];
  } catch {
    return [];
  }
}

function save(key: string, picks: Picked[]) {
  try {
    localStorage.setItem(key, JSON.stringify(picks));
  } catch {
    // Private mode or full storage: the selection still works for this page view.
  }
}

export function mountBallot() {
  const bar = q<HTMLElement>(document, '[data-ballot]');
  const sheet = q<HTMLDialogElement>(document, '[data-sheet]');
  if (!bar || !sheet) return;
  const campaign = bar.dataset.campaign!;
  const track = bar.dataset.track!;
  const max = Number(bar.dataset.max);
  const min = Number(bar.dataset.min);
  const strings = JSON.parse(bar.dataset.strings ?? '{}') as Strings;
  const key = storageKey(campaign, track);
  let picks = load(key);
  let ready = false;
  let widget: BotWidget | undefined;
  let mounting: Promise<void> | undefined;
  let sending = false;
  // A ballot needs a device first: ask for it while the reader is still choosing.
  void ensureDevice().catch(() => undefined);

  const toggles = [...document.querySelectorAll<HTMLButtonElement>('.toggle[data-candidate]')];
  // A pick made on a page in another language shows the name as this page writes it.
  const names = new Map(toggles.map((t) => [Number(t.dataset.candidate), t.dataset.name]));
  picks = picks.map((p) => ({ ...p, name: names.get(p.id) || p.name }));
  const counter = q<HTMLElement>(bar, '[data-counter]')!;
  const counterText = counter.firstChild as Text;
  const sheetCounter = q<HTMLElement>(sheet, '[data-sheet-counter]')!;
  const list = q<HTMLUListElement>(sheet, '[data-sheet-list]')!;
  const errorBox = q<HTMLElement>(sheet, '[data-error]')!;
  const submit = q<HTMLButtonElement>(sheet, '[data-submit]')!;
  const review = q<HTMLElement>(sheet, '[data-review]')!;
  const done = q<HTMLElement>(sheet, '[data-done]')!;
  const counterLabel = (n: number) => counter.dataset.template?.replace('{n}', String(n)) ?? '';
  counter.dataset.template = counterText.textContent!.replace(/\d+(?=\s*\/)/, '{n}');

  function showError(message: string | null) {
    errorBox.hidden = message === null;
    errorBox.textContent = message ?? '';
  }

  /**
   * What this device knows of its own ballots today (from its receipts): a used-up track says so
   * in the bar and hides the picks; the other tracks still open to it are offered.
   */
  function renderVoted() {
    const now = new Date();
    const receipts = loadReceipts();
    const today = ballotOfToday(receipts, campaign, track, now);
    const usedUp = today !== null && today.remainingToday <= 0;
    const voted = q<HTMLElement>(bar!, '[data-voted]')!;
    voted.hidden = today === null;
    if (today) {
      q<HTMLElement>(voted, '[data-voted-next]')!.textContent = usedUp
        ? describeNextBallot(new Date(today.nextBallotAt), now, document.documentElement.lang, {
            tomorrow: strings.nextTomorrow,
            later: strings.nextLater,
          })
        : strings.remainingToday.replace('{n}', String(today.remainingToday));
    }
    for (const li of document.querySelectorAll<HTMLElement>('[data-other-track]')) {
      const other = ballotOfToday(receipts, campaign, li.dataset.otherTrack!, now);
      li.hidden = today === null || (other !== null && other.remainingToday <= 0);
    }
    bar!.classList.toggle('ballot-bar--used-up', usedUp);
    return usedUp;
  }

  function render() {
    const chosen = new Set(picks.map((p) => p.id));
    const usedUp = renderVoted();
    for (const t of toggles) {
      const on = chosen.has(Number(t.dataset.candidate));
      t.hidden = usedUp;
      t.setAttribute('aria-pressed', String(on));
      const label = q<HTMLElement>(t, '.toggle__text');
      // At the ballot's limit the others say so before a tap is refused.
      const full = !on && picks.length >= max;
      t.toggleAttribute('data-full', full);
      if (label) label.textContent = on ? strings.selected : full ? strings.limit : strings.select;
      t.closest('[data-card]')?.setAttribute('data-selected', String(on));
    }
    counterText.textContent = counterLabel(picks.length);
    sheetCounter.textContent = counterLabel(picks.length);
    list.replaceChildren(
      ...picks.map((p) => {
        const li = document.createElement('li');
        const name = document.createElement('span');
        name.textContent = p.name;
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'sheet__remove';
        remove.textContent = strings.remove;
        remove.setAttribute('aria-label', `${strings.remove} ${p.name}`);
        remove.addEventListener('click', () => {
          picks = picks.filter((x) => x.id !== p.id);
          save(key, picks);
          render();
        });
        li.append(name, remove);
        return li;
      }),
    );
    if (picks.length === 0) {
      const li = document.createElement('li');
      li.textContent = strings.none;
      list.append(li);
    }
    submit.disabled = sending || !ready || picks.length < min || picks.length > max;
  }

  for (const t of toggles) {
    t.addEventListener('click', () => {
      const id = Number(t.dataset.candidate);
      if (picks.some((p) => p.id === id)) {
        picks = picks.filter((p) => p.id !== id);
      } else if (picks.length >= max) {
        const message = q<HTMLElement>(bar, '[data-bar-message]');
        if (message) {
          message.textContent = strings.full;
          message.hidden = false;
          setTimeout(() => (message.hidden = true), 4000);
        }
        return;
      } else {
        picks = [...picks, { id, name: t.dataset.name ?? String(id) }];
      }
      save(key, picks);
      // A pick shows the intent to vote: the check starts now, so that its proof is usually
      // ready by the time the reader has reviewed the sheet.
      if (picks.length > 0) void mountBotCheck();
      render();
    });
  }

  // Another tab changed the selection.
  window.addEventListener('storage', (e) => {
    if (e.key === key) {
      picks = load(key);
      render();
    }
  });

  /** Mounts the bot check at the first pick or sheet opening; it starts checking at once. */
  function mountBotCheck(): Promise<void> {
    mounting ??= mountBotWidget(q<HTMLElement>(sheet!, '[data-bot-check]')!, bar!.dataset, (r) => {
      ready = r;
      render();
    }).then(
      (w) => {
        widget = w;
      },
      () => {
        mounting = undefined;
        showError(strings.networkError);
      },
    );
    return mounting;
  }

  bar.querySelector('[data-open-sheet]')?.addEventListener('click', () => {
    review.hidden = false;
    done.hidden = true;
    showError(null);
    render();
    sheet.showModal();
    // The check runs while the reader reviews the picks (it starts itself on first mount).
    if (widget && !ready) void widget.proof();
    else void mountBotCheck();
  });
  for (const b of sheet.querySelectorAll('[data-close-sheet]')) {
    b.addEventListener('click', () => sheet.close());
  }

  /** The done view: the code, what the ballot picked, when, and when the next is possible. */
  function showReceipt(code: string, picked: Picked[], answer: CastAnswer) {
    const lang = document.documentElement.lang;
    const now = new Date();
    q<HTMLElement>(sheet!, '[data-receipt]')!.textContent = code;
    q<HTMLElement>(sheet!, '[data-done-picks]')!.textContent = picked
      .map((p) => p.name)
      .join(strings.listGap);
    q<HTMLElement>(sheet!, '[data-done-when]')!.textContent = formatMoment(
      new Date(answer.castAt ?? now),
      lang,
    );
    q<HTMLElement>(sheet!, '[data-done-next]')!.textContent =
      (answer.remainingToday ?? 0) > 0
        ? strings.remainingToday.replace('{n}', String(answer.remainingToday))
        : describeNextBallot(new Date(answer.nextBallotAt ?? now), now, lang, {
            tomorrow: strings.nextTomorrow,
            later: strings.nextLater,
          });
    const link = q<HTMLAnchorElement>(sheet!, '[data-receipt-link]')!;
    const href = new URL('/receipt', location.href);
    href.searchParams.set('code', code);
    const langParam = new URL(location.href).searchParams.get('lang');
    if (langParam) href.searchParams.set('lang', langParam);
    link.href = href.pathname + href.search;
  }

  submit.addEventListener('click', async () => {
    if (!ready || sending || !widget) return;
    const proof = await widget.proof();
    if (proof === null) return;
    let counted = false;
    sending = true;
    submit.textContent = strings.sending;
    showError(null);
    render();
    try {
      const { res, body } = await postJson<CastAnswer>('/api/ballots', {
        campaign,
        track,
        candidates: picks.map((p) => p.id),
        botCheck: proof,
      });
      counted = res.status === 201 && Boolean(body?.receipt);
      if (counted && body?.receipt) {
        addReceipt({
          code: body.receipt,
          campaign,
          campaignTitle: bar.dataset.campaignTitle ?? campaign,
          track,
          trackName: bar.dataset.trackName ?? track,
          castAt: body.castAt ?? new Date().toISOString(),
          nextBallotAt: body.nextBallotAt ?? new Date().toISOString(),
          remainingToday: body.remainingToday ?? 0,
          picks: picks.map((p) => p.name),
        });
        showReceipt(body.receipt, picks, body);
        picks = [];
        save(key, picks);
        review.hidden = true;
        done.hidden = false;
        q<HTMLElement>(sheet, '[data-done-title]')?.focus();
      } else {
        showError(body?.error?.message ?? strings.networkError);
      }
    } catch {
      showError(strings.networkError);
    } finally {
      sending = false;
      submit.textContent = strings.submit;
      // Proofs are single-use: a failed attempt needs a fresh check, started now.
      widget.reset(!counted);
      render();
    }
  });

  q<HTMLButtonElement>(sheet, '[data-share]')?.addEventListener('click', async (e) => {
    const button = e.currentTarget as HTMLButtonElement;
    const url = new URL(`/campaigns/${campaign}`, location.href).href;
    try {
      await navigator.clipboard.writeText(url);
      button.textContent = strings.copied;
    } catch {
      prompt('', url);
    }
  });

  bar.hidden = false;
  render();
}
