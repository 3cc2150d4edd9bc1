/**
 * The report status page: sends the reference and the check code to `POST /api/reports/status`
 * (never in the address, so they stay out of histories and logs) and shows where the report
 * stands, with the finding and the reply once it is concluded. Dates are shown in Beijing time.
 */

import { chinaTimeZone } from '../domain/china-time.ts';

interface StatusAnswer {
  reference: string;
  notice: { slug: string; serial: string; title: string };
  status: 'received' | 'verifying' | 'concluded';
  statusText: string;
  receivedAt: string;
  verifyingSince: string | null;
  concludedAt: string | null;
  findingText: string | null;
  reply: string | null;
  error?: { message: string };
}

type Strings = Record<
  | 'sending'
  | 'submit'
  | 'malformed'
  | 'networkError'
  | 'notice'
  | 'receivedAt'
  | 'verifyingSince'
  | 'concludedAt'
  | 'finding'
  | 'reply',
  string
>;

export function mountReportStatus() {
  const form = document.querySelector<HTMLFormElement>('[data-status-form]');
  const result = document.querySelector<HTMLElement>('[data-status-result]');
  const errorBox = document.querySelector<HTMLElement>('[data-status-error]');
  if (!form || !result || !errorBox) return;
  const strings = JSON.parse(form.dataset.strings ?? '{}') as Strings;
  const locale = document.documentElement.lang || 'zh-CN';
  const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, {
      timeZone: chinaTimeZone,
      dateStyle: 'long',
      timeStyle: 'short',
      hourCycle: 'h23',
    }).format(new Date(iso));

  function row(list: HTMLElement, term: string, value: string) {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    list.append(dt, dd);
  }

  function show(answer: StatusAnswer) {
    result!.replaceChildren();
    const title = document.createElement('h2');
    title.textContent = `${answer.reference} · ${answer.statusText}`;
    title.tabIndex = -1;
    const list = document.createElement('dl');
    list.className = 'status-list';
    row(list, strings.notice, `${answer.notice.serial} ${answer.notice.title}`);
    row(list, strings.receivedAt, when(answer.receivedAt));
    if (answer.verifyingSince) row(list, strings.verifyingSince, when(answer.verifyingSince));
    if (answer.concludedAt) row(list, strings.concludedAt, when(answer.concludedAt));
    if (answer.findingText) row(list, strings.finding, answer.findingText);
    if (answer.reply) row(list, strings.reply, answer.reply);
    result!.className = `notice ${answer.status === 'concluded' ? 'notice--ok' : ''}`;
    result!.append(title, list);
    result!.hidden = false;
    title.focus();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    const data = new FormData(form);
    errorBox.hidden = true;
    result.hidden = true;
    submit.disabled = true;
    submit.textContent = strings.sending;
    try {
      const res = await fetch('/api/reports/status', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          reference: data.get('reference'),
          checkCode: data.get('checkCode'),
        }),
      });
      const body = (await res.json().catch(() => null)) as StatusAnswer | null;
      if (res.ok && body) show(body);
      else {
        // A code typed wrong in form (too short, or O, I, 1, 0, which codes never hold).
        errorBox.textContent =
          res.status === 400 ? strings.malformed : (body?.error?.message ?? strings.networkError);
        errorBox.hidden = false;
      }
    } catch {
      errorBox.textContent = strings.networkError;
      errorBox.hidden = false;
    } finally {
      submit.disabled = false;
      submit.textContent = strings.submit;
    }
  });
}
