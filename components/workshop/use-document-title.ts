'use client';

import { useEffect } from 'react';
import type { Role } from '@/lib/protocol';

/** The browser tab's title for a workshop page, given the live workshop title. */
export function documentTitle(title: string, role: Role): string {
  const name = title.trim() || 'Untitled workshop';
  return `${name} – ${role}`;
}

/**
 * Keeps the tab's title on the workshop and the role ("Acme sales – projector", "Acme sales –
 * facilitator", "Acme sales – participant"), so a facilitator with three tabs open can tell them
 * apart and a screen reader says where it is.
 */
export function useDocumentTitle(title: string, role: Role): void {
  useEffect(() => {
    document.title = documentTitle(title, role);
  }, [title, role]);
}
