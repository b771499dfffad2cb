'use client';

import { useState } from 'react';

/** Copies `text` to the clipboard and says so; falls back to selecting it where clipboard is blocked. */
export function CopyButton({ text, label, fallbackTargetId }: { text: string; label: string; fallbackTargetId?: string }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('copied');
    } catch {
      const target = fallbackTargetId ? document.getElementById(fallbackTargetId) : null;
      if (target instanceof HTMLInputElement) target.select();
      setCopied('failed');
    }
  }
  return (
    <button
      type="button"
      onClick={copy}
      aria-label={label}
      className="shrink-0 rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700"
    >
      {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Press Ctrl+C' : 'Copy'}
    </button>
  );
}
