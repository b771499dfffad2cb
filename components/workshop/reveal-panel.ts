import type { SidePanel } from './board-navigation';

/**
 * After an action changed the side panel's tab (Park, Check consensus, Open in glossary): once
 * React has rendered it, scroll the panel into view and put the keyboard where the action
 * continues — `focusSelector` inside the panel (the parking input, a term's name), else the
 * element marked `data-reveal-focus`, else the panel itself. On a phone the panel is far below
 * the step the person tapped; without this nothing visible would happen. `null`: scroll only,
 * keeping the keyboard where it is (following the facilitator).
 */
export function revealPanel(panel: SidePanel, focusSelector?: string | null): void {
  if (typeof window === 'undefined') return;
  let frames = 0;
  const attempt = () => {
    const root = document.getElementById(`panel-${panel}`);
    const wanted = root?.querySelector<HTMLElement>(focusSelector ?? '[data-reveal-focus]') ?? null;
    const moveFocus = focusSelector !== null;
    // The panel (or the term editor inside it) may need a frame or two to appear.
    if ((!root || (focusSelector && !wanted)) && frames++ < 20) {
      requestAnimationFrame(attempt);
      return;
    }
    const target = wanted ?? root;
    if (!target) return;
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (!moveFocus) {
      // Only when the panel's top is out of sight: beside the board (wide screens) nothing moves.
      const top = target.getBoundingClientRect().top;
      if (top < 0 || top > window.innerHeight * 0.75) target.scrollIntoView({ block: 'start', behavior: reduced ? 'auto' : 'smooth' });
      return;
    }
    target.scrollIntoView({ block: 'center', behavior: reduced ? 'auto' : 'smooth' });
    if (!target.matches('input, select, textarea, button, a[href], [tabindex]')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
  };
  requestAnimationFrame(attempt);
}
