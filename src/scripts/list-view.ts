/**
 * The candidate list's two views: full cards, or a compact list (number, name, unit, pick
 * button) for picking many of a long list. The choice is this device's, kept in its browser;
 * the page's HTML is the same for everyone and shows the cards until this runs.
 */

const key = 'list-view:v1';
type View = 'cards' | 'compact';

function stored(): View {
  try {
    return localStorage.getItem(key) === 'compact' ? 'compact' : 'cards';
  } catch {
    return 'cards';
  }
}

export function mountListView() {
  const list = document.querySelector<HTMLElement>('[data-view-list]');
  const switcher = document.querySelector<HTMLElement>('[data-view-switch]');
  if (!list || !switcher) return;
  const buttons = [...switcher.querySelectorAll<HTMLButtonElement>('button[data-view]')];
  const show = (view: View) => {
    list.classList.toggle('cards--compact', view === 'compact');
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.view === view));
  };
  for (const b of buttons) {
    b.addEventListener('click', () => {
      const view: View = b.dataset.view === 'compact' ? 'compact' : 'cards';
      try {
        localStorage.setItem(key, view);
      } catch {
        // Private mode: the view still changes for this page.
      }
      show(view);
    });
  }
  show(stored());
  switcher.hidden = false;
}
