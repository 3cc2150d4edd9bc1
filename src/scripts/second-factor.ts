/**
 * The two-step verification page: after "开始设置" shows the QR code and the secret the API sent
 * (once), and after the set-up or a renewal shows the recovery codes (once). The forms
 * themselves are sent by admin-form.ts, which announces each success with `staff:done`.
 */

function on(formId: string, handle: (data: Record<string, unknown>) => void) {
  document.getElementById(formId)?.addEventListener('staff:done', (event) => {
    handle((event as CustomEvent<Record<string, unknown>>).detail);
  });
}

function showRecoveryCodes(codes: unknown) {
  const section = document.querySelector<HTMLElement>('[data-recovery-step]');
  const list = section?.querySelector<HTMLElement>('[data-recovery-codes]');
  if (!section || !list || !Array.isArray(codes)) return;
  list.replaceChildren(
    ...codes.map((c) => {
      const li = document.createElement('li');
      li.textContent = String(c);
      return li;
    }),
  );
  section.hidden = false;
  section.focus();
}

on('setup-form', (data) => {
  const step = document.querySelector<HTMLElement>('[data-setup-step]');
  const qr = step?.querySelector<HTMLImageElement>('[data-totp-qr]');
  const secret = step?.querySelector<HTMLElement>('[data-totp-secret]');
  if (!step || !qr || !secret || typeof data.qr !== 'string' || typeof data.secret !== 'string') {
    return;
  }
  qr.src = data.qr;
  // In groups of four, as apps that take the key by hand show it.
  secret.textContent = data.secret.replace(/(.{4})(?=.)/g, '$1 ');
  step.hidden = false;
  step.querySelector<HTMLInputElement>('input[name="code"]')?.focus();
});

on('confirm-form', (data) => {
  document.getElementById('setup-form')?.setAttribute('hidden', '');
  document.querySelector('[data-setup-step]')?.setAttribute('hidden', '');
  showRecoveryCodes(data.recoveryCodes);
});

on('renew-form', (data) => showRecoveryCodes(data.recoveryCodes));

document.querySelector('[data-print]')?.addEventListener('click', () => window.print());
