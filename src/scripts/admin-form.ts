/**
 * The admin area's one client script. Forms marked `data-api="METHOD /api/…"` are sent as JSON
 * with the session's CSRF token; the answer's message and field issues are shown next to the
 * form; on success the page reloads or goes where `data-then` says. Inputs say how their value
 * is sent with `data-type`: int, number, bool, datetime (Beijing time), lines, json, numbers
 * (whole numbers typed with spaces or commas between them, sent as a list).
 */

import { parseChinaDateTime } from '../domain/china-time.ts';

export interface StaffResponse<T = unknown> {
  ok: boolean;
  status: number;
  data: T & { error?: { code: string; message: string; issues?: Issue[]; details?: unknown } };
}

interface Issue {
  path: string;
  message: string;
}

const csrfToken = () =>
  document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';

/** A request to the staff API; a network failure resolves with status 0 rather than throwing. */
export async function staffFetch<T = unknown>(
  method: string,
  url: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<StaffResponse<T>> {
  const headers: Record<string, string> = {
    'X-CSRF-Token': csrfToken(),
    Accept: 'application/json',
  };
  let payload: BodyInit | undefined;
  if (body instanceof Blob || body instanceof ArrayBuffer) {
    headers['Content-Type'] = contentType;
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  try {
    const res = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
    const type = res.headers.get('content-type') ?? '';
    const data = type.includes('json') ? await res.json() : {};
    // Only an ended session sends staff to the login form. A refused login (a wrong password)
    // is an answer to show beside the form, and the login form never sends itself to itself
    // (which cleared what was typed and nested `next=` in `next=`).
    const reason = (data as { error?: { reason?: string } }).error?.reason;
    if (
      res.status === 401 &&
      reason !== 'bad_credentials' &&
      location.pathname !== '/admin/login'
    ) {
      location.href = `/admin/login?next=${encodeURIComponent(location.pathname + location.search)}`;
    }
    return { ok: res.ok, status: res.status, data };
  } catch {
    return {
      ok: false,
      status: 0,
      data: {
        error: { code: 'network', message: '网络连接失败，内容没有丢失，请稍后再试。' },
      },
    } as StaffResponse<T>;
  }
}

function fieldValue(el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): unknown {
  const type = el.dataset.type;
  if (el instanceof HTMLInputElement && el.type === 'checkbox' && !el.name.endsWith('[]')) {
    return el.checked;
  }
  const raw = el.value.trim();
  if (raw === '') {
    // An emptied optional field is sent as null (cleared); a required one as '' so the API
    // says it is required; a field that may simply be left out, not at all.
    if (el.dataset.empty === 'null') return null;
    return el.dataset.empty === 'string' ? '' : undefined;
  }
  switch (type) {
    case 'int':
    case 'number':
      return Number(raw);
    case 'bool':
      return raw === 'true';
    case 'datetime':
      return parseChinaDateTime(raw).toISOString();
    case 'lines':
      return raw
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '');
    case 'json':
      return JSON.parse(raw);
    case 'numbers':
      return raw
        .split(/[^0-9]+/)
        .filter((n) => n !== '')
        .map(Number);
    default:
      return el.dataset.trim === 'false' ? el.value : raw;
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

/** The form's fields as a JSON object; `name.sub` nests, `name[]` collects ticked boxes. */
export function formToJson(form: HTMLFormElement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
    'input[name], select[name], textarea[name]',
  );
  for (const el of fields) {
    if (el.disabled || el.closest('[data-rows]')) continue;
    if (el.name.endsWith('[]')) {
      const name = el.name.slice(0, -2);
      const list = (out[name] as unknown[] | undefined) ?? [];
      out[name] = list;
      const checkable =
        el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio');
      if (!checkable || (el as HTMLInputElement).checked) {
        const v = fieldValue(el);
        if (v !== undefined) list.push(v);
      }
      continue;
    }
    if (el instanceof HTMLInputElement && el.type === 'radio' && !el.checked) continue;
    const v = fieldValue(el);
    if (v !== undefined) setPath(out, el.name, v);
  }
  // `<fieldset data-rows="name">` holds `[data-row]` elements, each one object of a list; a row
  // whose visible fields are all empty is left out (an unused line of a table form).
  for (const group of form.querySelectorAll<HTMLElement>('[data-rows]')) {
    const rows: Record<string, unknown>[] = [];
    for (const row of group.querySelectorAll<HTMLElement>('[data-row]')) {
      const item: Record<string, unknown> = {};
      let filled = false;
      const rowFields = row.querySelectorAll<
        HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement
      >('input[name], select[name], textarea[name]');
      for (const el of rowFields) {
        const v = fieldValue(el);
        if (v === undefined) continue;
        item[el.name] = v;
        if (!(el instanceof HTMLInputElement && el.type === 'hidden')) filled = true;
      }
      if (filled) rows.push(item);
    }
    setPath(out, group.dataset.rows!, rows);
  }
  return out;
}

function statusBox(form: HTMLElement): HTMLElement {
  let box = form.querySelector<HTMLElement>('[data-status]');
  if (!box) {
    box = document.createElement('div');
    box.dataset.status = '';
    box.className = 'form-status';
    box.setAttribute('role', 'status');
    box.setAttribute('aria-live', 'polite');
    form.append(box);
  }
  return box;
}

/** Shows an API answer next to a form: the message, and each issue by its field. */
export function showResult(form: HTMLElement, res: StaffResponse, success?: string) {
  const box = statusBox(form);
  box.replaceChildren();
  form
    .querySelectorAll('[aria-invalid="true"]')
    .forEach((el) => el.removeAttribute('aria-invalid'));
  form.querySelectorAll('.field-error').forEach((el) => el.remove());
  box.classList.toggle('is-error', !res.ok);
  if (res.ok) {
    box.textContent = success ?? '已保存。';
    return;
  }
  const error = res.data.error;
  const p = document.createElement('p');
  p.textContent = error?.message ?? `请求失败（${res.status}）。`;
  box.append(p);
  const items: string[] = [];
  for (const issue of error?.issues ?? []) {
    const field = form.querySelector<HTMLElement>(`[name="${CSS.escape(issue.path)}"]`);
    field?.setAttribute('aria-invalid', 'true');
    const label = field?.id ? form.querySelector(`label[for="${field.id}"]`)?.textContent : null;
    items.push(`${label?.trim() || issue.path}：${issue.message}`);
    // The message also stands under its field, where the change is to be made.
    const holder = field?.closest('.field');
    if (field && holder) {
      const note = document.createElement('span');
      note.className = 'field-error';
      note.id = `${field.id || issue.path}-error`;
      note.textContent = issue.message;
      holder.append(note);
      field.setAttribute('aria-describedby', note.id);
    }
  }
  const missing = (error?.details as { missing?: { message: string }[] } | undefined)?.missing;
  for (const m of missing ?? []) items.push(m.message);
  if (items.length > 0) {
    const ul = document.createElement('ul');
    for (const text of items) {
      const li = document.createElement('li');
      li.textContent = text;
      ul.append(li);
    }
    box.append(ul);
  }
  box.setAttribute('tabindex', '-1');
  box.focus();
}

/**
 * Where `data-then="created:/admin/candidates/{id}"` leads once the thing is made: only `{id}`
 * and `{slug}` are filled in, and only with a plain id or slug of the answer. `go:` leads to its
 * path as written: it may come from a link (the login form's `next`), and filling it from the
 * answer would let a crafted link put the login's CSRF token into a URL.
 */
function createdPath(template: string, data: Record<string, unknown>): string {
  return template.replace(/\{(id|slug)\}/g, (_, k: string) => {
    const value = String(data[k] ?? '');
    return /^[a-z0-9-]{1,64}$/.test(value) ? value : '';
  });
}

/**
 * After repeated failed logins on an account, the login asks a new address or device for a
 * bot-check proof: the form mounts the widget in its `[data-bot-slot]` and, once a proof is
 * ready, sends once more with it.
 */
async function proofForRetry(form: HTMLFormElement, res: StaffResponse): Promise<string | null> {
  const slot = form.querySelector<HTMLElement>('[data-bot-slot]');
  if (!slot || res.status !== 403 || res.data.error?.code !== 'bot_check_failed') return null;
  const reason = (res.data.error as { reason?: string }).reason;
  if (reason !== 'login_proof_required' && reason !== 'login_proof_failed') return null;
  slot.hidden = false;
  try {
    const { mountBotWidget } = await import('./bot-check-widget.ts');
    const widget = await mountBotWidget(slot, form.dataset, () => {});
    return await widget.proof();
  } catch {
    return null;
  }
}

/**
 * An account with a second factor: the login answers `second_factor_required` after a right
 * password, and the form shows its code field (kept disabled, so not sent, until then).
 */
function askForSecondFactor(form: HTMLFormElement, res: StaffResponse) {
  const step = form.querySelector<HTMLElement>('[data-second-factor]');
  const reason = (res.data.error as { reason?: string } | undefined)?.reason;
  if (!step || reason !== 'second_factor_required') return;
  step.hidden = false;
  step.querySelectorAll('input').forEach((el) => (el.disabled = false));
  step.querySelector<HTMLInputElement>('input[name="secondFactorCode"]')?.focus();
  // The password was right: the message asks for the next step and is not an error.
  form.querySelector('[data-status]')?.classList.remove('is-error');
}

document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.api) return;
  event.preventDefault();
  if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
  const [method = 'POST', url = ''] = form.dataset.api.split(' ');
  const submit = form.querySelector<HTMLButtonElement>('button[type="submit"], button:not([type])');
  let body: Record<string, unknown>;
  try {
    body = formToJson(form);
  } catch {
    showResult(form, {
      ok: false,
      status: 400,
      data: { error: { code: 'invalid', message: '内容格式不正确。' } },
    });
    return;
  }
  if (submit) submit.disabled = true;
  let res = await staffFetch<Record<string, unknown>>(method, url, body);
  if (!res.ok && form.querySelector('[data-bot-slot]')) {
    showResult(form, res);
    const proof = await proofForRetry(form, res);
    if (proof !== null) res = await staffFetch(method, url, { ...body, botCheck: proof });
  }
  if (submit) submit.disabled = false;
  showResult(form, res, form.dataset.success);
  if (!res.ok) {
    askForSecondFactor(form, res);
    return;
  }
  form.dispatchEvent(new CustomEvent('staff:done', { detail: res.data }));
  const then = form.dataset.then ?? 'reload';
  if (then === 'reload') location.reload();
  else if (then.startsWith('go:')) location.href = then.slice(3);
  else if (then.startsWith('created:')) location.href = createdPath(then.slice(8), res.data);
});

const flashKey = 'staff-flash';

/**
 * Keeps a success message over the reload that follows a form (the reload shows the new state;
 * the message says what was skipped), shown once in that form's status box.
 */
export function flashAfterReload(formId: string, text: string) {
  try {
    sessionStorage.setItem(flashKey, JSON.stringify({ formId, text }));
  } catch {
    // Storage refused (private mode): the reload shows the new state without the message.
  }
}

function showFlash() {
  let saved: { formId?: string; text?: string } | null;
  try {
    saved = JSON.parse(sessionStorage.getItem(flashKey) ?? 'null');
    sessionStorage.removeItem(flashKey);
  } catch {
    return;
  }
  const form = saved?.formId ? document.getElementById(saved.formId) : null;
  if (!form || !saved?.text) return;
  const box = statusBox(form);
  box.classList.remove('is-error');
  box.textContent = saved.text;
  box.setAttribute('tabindex', '-1');
  box.focus();
}
showFlash();

document.querySelector('[data-logout]')?.addEventListener('click', async () => {
  await staffFetch('DELETE', '/api/staff/session');
  location.href = '/admin/login';
});
