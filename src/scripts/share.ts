/**
 * The "copy link" button of a profile. The Clipboard API needs a secure context and, in some
 * in-app browsers, is missing or refused; then the link is copied the old way from its field,
 * and failing that it is left selected for the reader to copy by hand.
 */
export function mountShare() {
  const field = document.querySelector<HTMLInputElement>('[data-share-url]');
  const button = document.querySelector<HTMLButtonElement>('[data-share-copy]');
  const status = document.querySelector<HTMLElement>('[data-share-status]');
  if (!field || !button || !status) return;

  button.addEventListener('click', async () => {
    let copied = false;
    try {
      await navigator.clipboard.writeText(field.value);
      copied = true;
    } catch {
      copied = copyFromField(field);
    }
    if (!copied) selectField(field);
    // Emptied first, so that pressing twice announces the message twice.
    status.textContent = '';
    requestAnimationFrame(() => {
      status.textContent = (copied ? button.dataset.copied : button.dataset.failed) ?? '';
    });
  });
  button.hidden = false;
}

function selectField(field: HTMLInputElement) {
  field.focus();
  field.select();
  field.setSelectionRange(0, field.value.length);
}

function copyFromField(field: HTMLInputElement): boolean {
  const focused = document.activeElement;
  selectField(field);
  try {
    // Deprecated, but the only way left where the Clipboard API is not offered.
    const copied = document.execCommand('copy');
    if (copied && focused instanceof HTMLElement) focused.focus();
    return copied;
  } catch {
    return false;
  }
}
