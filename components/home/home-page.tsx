'use client';

import { useState } from 'react';
import type { Role } from '@/lib/protocol';
import { CreateWorkshopForm } from './create-workshop-form';
import { CreatedLinks } from './created-links';
import { ImportBackup } from './import-backup';
import { ImportBpmn } from './import-bpmn';
import { RememberedWorkshops } from './remembered-workshops';

export type Created = { id: string; title: string; links: Record<Role, string> };

export function HomePage() {
  const [created, setCreated] = useState<Created | null>(null);
  return (
    <main className="mx-auto max-w-3xl space-y-10 px-4 py-10 sm:px-6">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight">Common Ground</h1>
        <p className="text-lg text-slate-700">
          One process, one vocabulary, one set of metrics — agreed live by the whole room.
        </p>
      </header>
      {created ? (
        <CreatedLinks created={created} onCreateAnother={() => setCreated(null)} />
      ) : (
        <CreateWorkshopForm onCreated={setCreated} />
      )}
      <div className="grid gap-8 sm:grid-cols-2">
        <ImportBpmn onCreated={setCreated} />
        <ImportBackup onCreated={setCreated} />
      </div>
      <RememberedWorkshops />
    </main>
  );
}
