/**
 * The lobby board: shows one candidate after another, and every so often fetches the page
 * afresh to pick up new candidates, outcomes and (where public) counts. A screen in a lobby has
 * nobody to press reload, so a failed fetch changes nothing: the board keeps cycling what it has
 * and tries again at the next refresh.
 */
export function mountBoard(root = document.querySelector<HTMLElement>('[data-board]')): void {
  if (!root) return;
  const board = root;
  const interval = Number(board.dataset.interval) || 12_000;
  const refreshEvery = Number(board.dataset.refresh) || 600_000;
  const progress = board.querySelector<HTMLElement>('[data-board-progress]');
  const pause = board.querySelector<HTMLButtonElement>('[data-board-pause]');
  let slides = [...board.querySelectorAll<HTMLElement>('[data-slide]')];
  let index = 0;
  let paused = false;

  function show(i: number) {
    slides.forEach((s, j) => (s.hidden = j !== i));
    // The same "i / n" in every language.
    if (progress && slides.length > 0) progress.textContent = `${i + 1} / ${slides.length}`;
  }

  window.setInterval(() => {
    if (paused || slides.length < 2) return;
    index = (index + 1) % slides.length;
    // Fade only from the second slide on: the first is simply there when the page opens.
    board.dataset.cycling = '';
    show(index);
  }, interval);

  // For a visitor at a desk rather than a screen in a lobby: moving content must be stoppable.
  if (pause) {
    pause.hidden = false;
    pause.addEventListener('click', () => {
      paused = !paused;
      pause.textContent = (paused ? board.dataset.resumeLabel : board.dataset.pauseLabel) ?? '';
    });
  }

  async function refresh() {
    try {
      const res = await fetch(location.href, {
        cache: 'no-store',
        headers: { accept: 'text/html' },
      });
      if (!res.ok) return;
      const fresh = new DOMParser().parseFromString(await res.text(), 'text/html');
      if (!fresh.querySelector('[data-board]')) return;
      const current = slides[index]?.dataset.slide;
      for (const part of board.querySelectorAll<HTMLElement>('[data-board-live]')) {
        const next = fresh.querySelector(`[data-board-live="${part.dataset.boardLive}"]`);
        if (next)
          part.replaceChildren(...[...next.childNodes].map((n) => document.importNode(n, true)));
      }
      slides = [...board.querySelectorAll<HTMLElement>('[data-slide]')];
      // Carry on from the candidate on screen, wherever the fresh list put it.
      const at = slides.findIndex((s) => s.dataset.slide === current);
      index = at >= 0 ? at : 0;
      show(index);
    } catch {
      // Offline or a server restart: keep what is on the board.
    }
  }
  window.setInterval(() => void refresh(), refreshEvery);
}
