/**
 * The report form under a notice: a live character count, checks before sending, the bot check
 * (loaded only when the reader sends), and the acknowledgement with the reference number. What
 * the reader typed stays in the form after every failure; it is cleared only once the report
 * has been received.
 */

import { mountBotWidget, type BotWidget } from './bot-check-widget.ts';
import { ensureDevice, postJson } from './public-write.ts';

type Strings = Record<
  | 'count'
  | 'over'
  | 'empty'
  | 'tooLong'
  | 'nameTooLong'
  | 'phoneInvalid'
  | 'submit'
  | 'sending'
  | 'checking'
  | 'networkError'
  | 'botCheckError',
  string
>;

type Field = 'content' | 'name' | 'phone';

const q = <T extends Element>(root: ParentNode, sel: string) => root.querySelector<T>(sel);

/** Code points, as the server and the database count them. */
const charCount = (text: string) => [...text].length;

export function mountReportForm() {
  const form = q<HTMLFormElement>(document, '[data-report-form]');
  const done = q<HTMLElement>(document, '[data-done]');
  if (!form || !done) return;
  const strings = JSON.parse(form.dataset.strings ?? '{}') as Strings;
  const max = Number(form.dataset.max);
  const nameMax = Number(form.dataset.nameMax);
  const content = form.elements.namedItem('content') as HTMLTextAreaElement;
  const name = form.elements.namedItem('name') as HTMLInputElement;
  const phone = form.elements.namedItem('phone') as HTMLInputElement;
  const entry = form.elements.namedItem('candidateId') as HTMLSelectElement;
  const fields: Record<Field, HTMLInputElement | HTMLTextAreaElement> = { content, name, phone };
  const count = q<HTMLElement>(form, '[data-count]')!;
  const countAlert = q<HTMLElement>(form, '[data-count-alert]')!;
  const errorBox = q<HTMLElement>(form, '[data-error]')!;
  const status = q<HTMLElement>(form, '[data-status]')!;
  const submit = q<HTMLButtonElement>(form, '[data-submit]')!;
  const slot = q<HTMLElement>(form, '[data-bot-check]')!;

  let widget: BotWidget | undefined;
  let sending = false;
  // A report needs a device first: ask for it while the reader is still writing.
  void ensureDevice().catch(() => undefined);
  let wasOver = false;

  function showError(message: string | null) {
    errorBox.hidden = message === null;
    errorBox.textContent = message ?? '';
  }

  function fieldError(field: Field, message: string | null) {
    const box = q<HTMLElement>(form!, `[data-error-for="${field}"]`)!;
    box.hidden = message === null;
    box.textContent = message ?? '';
    if (message === null) fields[field].removeAttribute('aria-invalid');
    else fields[field].setAttribute('aria-invalid', 'true');
  }

  function renderCount() {
    const n = charCount(content.value.trim());
    const over = n > max;
    count.textContent = over
      ? strings.over.replace('{n}', String(n - max))
      : strings.count.replace('{n}', String(n));
    count.classList.toggle('is-over', over);
    // Screen readers hear the count only when it crosses the limit, not on every keystroke.
    if (over !== wasOver) countAlert.textContent = over ? count.textContent : '';
    wasOver = over;
  }

  /** The first field that cannot be sent, after marking every problem. */
  function check(): Field | null {
    const text = content.value.trim();
    const problems: [Field, string | null][] = [
      ['content', text === '' ? strings.empty : charCount(text) > max ? strings.tooLong : null],
      ['name', charCount(name.value.trim()) > nameMax ? strings.nameTooLong : null],
      ['phone', null],
    ];
    for (const [field, message] of problems) fieldError(field, message);
    return problems.find(([, m]) => m !== null)?.[0] ?? null;
  }

  function setBusy(label: string | null) {
    sending = label !== null;
    submit.disabled = sending;
    submit.textContent = label ?? strings.submit;
    status.textContent = label ?? '';
  }

  /** A fresh proof: mounts the widget the first time (it starts checking), then waits for it. */
  async function botProof(): Promise<string | null> {
    if (!widget) {
      slot.hidden = false;
      try {
        widget = await mountBotWidget(slot, form!.dataset, () => undefined);
      } catch {
        showError(strings.botCheckError);
        return null;
      }
    }
    return widget.proof();
  }

  content.addEventListener('input', () => {
    renderCount();
    if (!q<HTMLElement>(form, '[data-error-for="content"]')!.hidden) check();
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (sending) return;
    showError(null);
    const invalid = check();
    if (invalid) {
      fields[invalid].focus();
      return;
    }
    setBusy(strings.checking);
    const proof = await botProof();
    if (proof === null) {
      setBusy(null);
      if (errorBox.hidden) showError(strings.botCheckError);
      return;
    }
    setBusy(strings.sending);
    try {
      const { res, body } = await postJson<{
        reference?: string;
        checkCode?: string;
        error?: { message: string; issues?: { path: string }[] };
      }>(`/api/notices/${encodeURIComponent(form.dataset.notice!)}/reports`, {
        candidateId: entry.value === '' ? null : Number(entry.value),
        content: content.value,
        name: name.value.trim() || null,
        phone: phone.value.trim() || null,
        botCheck: proof,
      });
      const received = res.status === 201 && Boolean(body?.reference);
      // Proofs are single-use: after a refusal the next attempt's check starts now.
      widget?.reset(!received);
      if (received && body?.reference) {
        q<HTMLElement>(done, '[data-reference]')!.textContent = body.reference;
        q<HTMLElement>(done, '[data-check-code]')!.textContent = body.checkCode ?? '';
        form.reset();
        renderCount();
        form.hidden = true;
        done.hidden = false;
        q<HTMLElement>(done, '[data-done-title]')?.focus();
        return;
      }
      const issue = body?.error?.issues?.[0]?.path;
      if (issue === 'phone') {
        fieldError('phone', strings.phoneInvalid);
        phone.focus();
      } else if (issue === 'name') {
        fieldError('name', strings.nameTooLong);
        name.focus();
      } else {
        showError(body?.error?.message ?? strings.networkError);
      }
    } catch {
      widget?.reset(true);
      showError(strings.networkError);
    } finally {
      setBusy(null);
    }
  });

  q<HTMLButtonElement>(done, '[data-another]')?.addEventListener('click', () => {
    done.hidden = true;
    form.hidden = false;
    showError(null);
    content.focus();
  });

  form.hidden = false;
  renderCount();
}
