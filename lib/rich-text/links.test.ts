import { describe, expect, it } from 'vitest';
import { isAllowedLink, shouldAutoLink } from './links';

describe('links in rich text', () => {
  it('links only text that spells out http(s)://', () => {
    for (const text of ['https://example.com', 'http://example.com/a?b=c#d', 'https://localhost:3000/w/1']) expect(shouldAutoLink(text), text).toBe(true);
    for (const text of ['buy.book', 'e.g', 'example.com', 'www.example.com', 'ftp://example.com', 'javascript:alert(1)', 'mailto:a@b.c'])
      expect(shouldAutoLink(text), text).toBe(false);
  });
  it('keeps web and mail addresses, never scripts', () => {
    expect(isAllowedLink('https://example.com')).toBe(true);
    expect(isAllowedLink('mailto:someone@example.com')).toBe(true);
    for (const href of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,x', 'vbscript:x', '/relative']) expect(isAllowedLink(href), href).toBe(false);
  });
});
