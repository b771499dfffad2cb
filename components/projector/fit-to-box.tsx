'use client';

import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * The smallest the content is scaled before it pages instead: body text is 3vh (32 px at
 * 1080p), so it stays at least 28 px — legible from the back of the room.
 */
export const MIN_SCALE = 0.87;
/** How long each page of long content stays on the screen. */
export const PAGE_SECONDS = 12;
/** Marks the items of long content: the units the content pages by ("and n more"). */
export const FIT_ITEM = 'data-fit-item';
const HIDDEN = 'fitHidden';

type Pages = { index: number; count: number; shown: number; total: number };

/**
 * Shows its content whole in the space it is given (a projector cannot scroll). When the content
 * is too tall it is first laid out wider and scaled down — wrapping grids use the width of a wide
 * screen before the type shrinks — but never below MIN_SCALE. Content that still does not fit pages
 * itself: the items marked with FIT_ITEM are shown a screenful at a time, each page for
 * PAGE_SECONDS, with "Page 1 of 3 · and n more" below. Nothing is ever cut off without saying so.
 */
export function FitToBox({ children, label }: { children: ReactNode; label?: string }) {
  const outer = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const page = useRef(0);
  const [pages, setPages] = useState<Pages | null>(null);
  useLayoutEffect(() => {
    const box = outer.current;
    const content = inner.current;
    if (!box || !content) return;
    const items = () => [...content.querySelectorAll<HTMLElement>(`[${FIT_ITEM}]`)];
    const fits = (scale: number) => {
      content.style.width = `${box.clientWidth / scale}px`;
      return content.offsetHeight * scale <= box.clientHeight + 0.5;
    };
    /** The largest scale in [low, 1] at which the content fits; low when none does. */
    const largestScale = (low: number) => {
      if (fits(1)) return 1;
      let high = 1;
      for (let i = 0; i < 8; i++) {
        const middle = (low + high) / 2;
        if (fits(middle)) low = middle;
        else high = middle;
      }
      return low;
    };
    /** Shows items [from, to) and hides the rest. */
    const show = (all: HTMLElement[], from: number, to: number) => {
      all.forEach((item, i) => {
        if (i >= from && i < to) delete item.dataset[HIDDEN];
        else item.dataset[HIDDEN] = '';
      });
    };
    /** How many items from `from` fit at the floor scale (at least one: a page is never empty). */
    const pageLength = (all: HTMLElement[], from: number) => {
      let low = 1;
      let high = all.length - from;
      while (low < high) {
        const middle = Math.ceil((low + high) / 2);
        show(all, from, from + middle);
        if (fits(MIN_SCALE)) low = middle;
        else high = middle - 1;
      }
      return low;
    };
    let paged = false;
    const fit = () => {
      const all = items();
      show(all, 0, all.length);
      let scale = largestScale(MIN_SCALE);
      let next: Pages | null = null;
      if (!fits(scale) && all.length > 1) {
        // Too long for one screen: page it. Boundaries are found with the items shown as they
        // will be (a wrapping grid reflows when earlier items are hidden).
        const starts: number[] = [];
        for (let from = 0; from < all.length; from += pageLength(all, from)) starts.push(from);
        const index = page.current % starts.length;
        page.current = index;
        const from = starts[index]!;
        const to = starts[index + 1] ?? all.length;
        show(all, from, to);
        next = { index, count: starts.length, shown: to - from, total: all.length };
      }
      // A single item longer than the screen is the one case that scales further down.
      if (!fits(scale)) scale = largestScale(0.15);
      fits(scale);
      content.style.transform = `scale(${scale})`;
      content.dataset.scale = scale.toFixed(3);
      paged = next !== null;
      setPages((old) => (same(old, next) ? old : next));
    };
    fit();
    // The box changes with the window; the content with what the room writes. A burst of edits
    // (someone typing) is fitted once per frame: each fit lays the content out several times.
    let frame = 0;
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(() => ((frame = 0), fit()));
    };
    const resize = new ResizeObserver(schedule);
    resize.observe(box);
    const mutations = new MutationObserver(schedule);
    // Not attributes: hiding items is this component's own doing.
    mutations.observe(content, { childList: true, subtree: true, characterData: true });
    const turn = setInterval(() => {
      // Content that fits one screen has nothing to turn.
      if (!paged) return;
      page.current += 1;
      schedule();
    }, PAGE_SECONDS * 1000);
    return () => {
      cancelAnimationFrame(frame);
      clearInterval(turn);
      resize.disconnect();
      mutations.disconnect();
    };
  }, []);
  return (
    <div className="flex min-h-0 min-w-0 flex-1 flex-col" role="region" aria-label={label}>
      <div ref={outer} className="relative min-h-0 flex-1 overflow-hidden">
        <div ref={inner} className="absolute top-0 left-0 origin-top-left [&_[data-fit-hidden]]:hidden" data-testid="projector-content">
          {children}
        </div>
      </div>
      {pages && (
        <p className="shrink-0 pt-[1vh] text-[2.6vh] text-slate-300" data-testid="projector-pages">
          Page {pages.index + 1} of {pages.count} · {pages.shown} of {pages.total} shown, and {pages.total - pages.shown} more
        </p>
      )}
    </div>
  );
}

function same(a: Pages | null, b: Pages | null): boolean {
  if (!a || !b) return a === b;
  return a.index === b.index && a.count === b.count && a.shown === b.shown && a.total === b.total;
}
