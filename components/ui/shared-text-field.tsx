'use client';

import { useId, useLayoutEffect, useRef, useState } from 'react';

type Props = {
  label: string;
  /** Hide the label visually (it is still read by screen readers). */
  hideLabel?: boolean;
  value: string;
  /** Applies the edit to the shared document; returns the value as stored (clamped). */
  onChange: (next: string) => string;
  maxLength: number;
  multiline?: boolean;
  placeholder?: string;
  readOnly?: boolean;
  autoFocus?: boolean;
  className?: string;
};

/**
 * A text input bound to shared text. Uncontrolled, so that a remote edit can be applied
 * without throwing the local caret to the end; shows a counter near the limit.
 */
export function SharedTextField({ label, hideLabel, value, onChange, maxLength, multiline, placeholder, readOnly, autoFocus, className }: Props) {
  const id = useId();
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [length, setLength] = useState(value.length);
  const [focused, setFocused] = useState(false);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || el.value === value) return;
    const before = el.value;
    const { selectionStart, selectionEnd } = el;
    el.value = value;
    setLength(value.length);
    if (document.activeElement === el && selectionStart !== null && selectionEnd !== null) {
      // Keep the caret where it was relative to the text around it.
      let prefix = 0;
      while (prefix < before.length && prefix < value.length && before[prefix] === value[prefix]) prefix++;
      const shift = value.length - before.length;
      const map = (pos: number) => (pos > prefix ? Math.max(prefix, pos + shift) : pos);
      el.setSelectionRange(map(selectionStart), map(selectionEnd));
    }
  }, [value]);

  const nearLimit = length >= maxLength * 0.9;
  const common = {
    id,
    ref,
    defaultValue: value,
    maxLength,
    placeholder,
    readOnly,
    autoFocus,
    onChange: (e: { currentTarget: { value: string } }) => setLength(onChange(e.currentTarget.value).length),
    onFocus: () => setFocused(true),
    onBlur: () => setFocused(false),
    'aria-describedby': `${id}-count`,
    className: `w-full rounded-md border px-2 py-1 ${className ?? 'border-slate-300'}`,
  };
  // The counter floats over the field's corner: showing or hiding it never moves the layout
  // (a shift between mousedown and mouseup would swallow the click the user aimed at).
  return (
    <div className="relative min-w-0">
      <label htmlFor={id} className={hideLabel ? 'sr-only' : 'block text-sm font-medium text-slate-700'}>
        {label}
      </label>
      {multiline ? <textarea rows={3} {...common} /> : <input {...common} onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()} />}
      <p
        id={`${id}-count`}
        className={`pointer-events-none absolute right-1 bottom-1 rounded bg-white/90 px-1 text-xs ${nearLimit ? 'text-amber-900' : 'text-slate-600'} ${focused || nearLimit ? '' : 'sr-only'}`}
      >
        {length}/{maxLength}
        {length >= maxLength ? ' — limit reached' : ''}
      </p>
    </div>
  );
}
