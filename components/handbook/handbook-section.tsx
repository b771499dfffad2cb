import type { ReactNode } from 'react';

/** A top-level section of the handbook, named by its heading. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="handbook-heading text-2xl font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="text-slate-700 italic">{children}</p>;
}
