'use client';

import { useLayoutEffect, useRef, type ReactNode } from 'react';

/**
 * Shows its content whole in the space it is given (a projector cannot scroll): when the
 * content would be too tall, it is laid out wider and scaled down by the largest factor that
 * makes it fit, so that wrapping grids use the width of a wide screen before the type shrinks.
 * Text is sized for the back of the room first; it is never cut off.
 */
export function FitToBox({ children, label }: { children: ReactNode; label?: string }) {
  const outer = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const box = outer.current;
    const content = inner.current;
    if (!box || !content) return;
    const fits = (scale: number) => {
      content.style.width = `${box.clientWidth / scale}px`;
      return content.offsetHeight * scale <= box.clientHeight + 0.5;
    };
    const fit = () => {
      let scale = 1;
      if (!fits(1)) {
        // Binary search for the largest scale that fits: each try is one layout of the content.
        let low = 0.15;
        let high = 1;
        for (let i = 0; i < 10; i++) {
          const middle = (low + high) / 2;
          if (fits(middle)) low = middle;
          else high = middle;
        }
        scale = low;
        fits(scale);
      }
      content.style.transform = `scale(${scale})`;
      content.dataset.scale = scale.toFixed(3);
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
    mutations.observe(content, { childList: true, subtree: true, characterData: true });
    return () => {
      cancelAnimationFrame(frame);
      resize.disconnect();
      mutations.disconnect();
    };
  }, []);
  return (
    <div ref={outer} className="relative min-h-0 min-w-0 flex-1 overflow-hidden" role="region" aria-label={label}>
      <div ref={inner} className="absolute top-0 left-0 origin-top-left" data-testid="projector-content">
        {children}
      </div>
    </div>
  );
}
