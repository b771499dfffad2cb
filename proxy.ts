import { NextResponse, type NextRequest } from 'next/server';

/**
 * The Content-Security-Policy of every page: its only inline-script allowance is a fresh nonce
 * per request (Next.js reads it from the request header and puts it on its own scripts). Styles may be inline (React style
 * attributes and the editor use them); scripts may not.
 */
export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const dev = process.env.NODE_ENV !== 'production';
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  // Referrer-Policy, X-Content-Type-Options and X-Frame-Options come from next.config.js,
  // which also covers static assets.
  return response;
}

export const config = {
  // Pages only: static assets, the API and the sync websocket are served elsewhere.
  matcher: [{ source: '/((?!_next/static|_next/image|api|sync|icon.svg).*)' }],
};
