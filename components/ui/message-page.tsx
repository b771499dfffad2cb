import Link from 'next/link';
import type { ReactNode } from 'react';

/** A full-page message (invalid link, not found, errors): a heading, an explanation, a way home. */
export function MessagePage({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-xl flex-col justify-center gap-4 px-6 py-12">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <div className="space-y-2 text-slate-700">{children}</div>
      <div className="flex flex-wrap gap-3">
        {action}
        <Link href="/" className="rounded-md border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-100">
          Go to the home page
        </Link>
      </div>
    </main>
  );
}
