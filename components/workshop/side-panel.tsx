'use client';

import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { PresenceEntry, PresenceState } from '@/lib/presence';
import dynamic from 'next/dynamic';
import { useFacilitation } from '@/components/facilitation/facilitation-context';
import { useActivityCard } from '@/components/facilitation/use-activity-card';
import type { Role } from '@/lib/protocol';
import { useSignals } from '@/components/signals/signals-context';
import { useNavigation, type SidePanel as Panel } from './board-navigation';

// Each panel's code loads when its tab is first shown (the glossary's with the board, as it is
// the tab that opens first, but after the process and in its own chunk). A short line holds
// the place meanwhile.
const loading = () => (
  <p className="min-h-24 text-slate-700" aria-busy="true">
    Loading…
  </p>
);
const AgendaPanel = dynamic(() => import('@/components/facilitation/agenda-panel').then((m) => m.AgendaPanel), { ssr: false, loading });
const ActivityPanels = dynamic(() => import('@/components/facilitation/activity-panels').then((m) => m.ActivityPanels), { ssr: false, loading });
const ActivityCard = dynamic(() => import('@/components/facilitation/activity-card').then((m) => m.ActivityCard), { ssr: false });
const GlossaryPanel = dynamic(() => import('@/components/glossary/glossary-panel').then((m) => m.GlossaryPanel), { ssr: false, loading });
const MetricsPanel = dynamic(() => import('@/components/metrics/metrics-panel').then((m) => m.MetricsPanel), { ssr: false, loading });
const ConfusionHeatMap = dynamic(() => import('@/components/signals/confusion-heat-map').then((m) => m.ConfusionHeatMap), { ssr: false, loading });
const ParkingLotPanel = dynamic(() => import('@/components/signals/parking-lot-panel').then((m) => m.ParkingLotPanel), { ssr: false, loading });

type Props = { board: Y.Doc; awareness: Awareness; user: PresenceState['user']; role: Role; people: readonly PresenceEntry[] };

/** Glossary, metrics, parking lot and (for the facilitator) the confusion heat map, as tabs. */
export function SidePanel({ board, awareness, user, role, people }: Props) {
  const { panel, setPanel } = useNavigation();
  const { signals } = useSignals();
  const open = signals.parking.filter((p) => !p.resolved).length;
  const flagged = signals.flags.reduce((n, f) => n + f.count, 0);
  const { facilitation } = useFacilitation();
  const card = useActivityCard();
  const active = (facilitation.vote && facilitation.vote.status !== 'closed') || (facilitation.consensus && facilitation.consensus.status !== 'closed');
  // Counts are small pills (named "Parking lot (3)"), so the facilitator's six tabs fit on one
  // line of the side column from 1440 px up.
  const tabs: Array<{ id: Panel; label: string; count?: number; live?: boolean }> = [
    { id: 'agenda', label: 'Agenda' },
    { id: 'glossary', label: 'Glossary' },
    { id: 'metrics', label: 'Metrics' },
    { id: 'parking', label: 'Parking lot', count: open },
    { id: 'vote', label: 'Vote', live: !!active },
    ...(role === 'facilitator' ? [{ id: 'heatmap' as const, label: 'Heat map', count: flagged }] : []),
  ];
  return (
    <div className="space-y-3">
      <div role="tablist" aria-label="Board panels" className="flex flex-wrap gap-0.5 border-b border-slate-300 min-[90rem]:flex-nowrap">
        {tabs.map((tab) => (
          <button
            key={tab.id}
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={panel === tab.id}
            aria-controls={`panel-${tab.id}`}
            onClick={() => setPanel(tab.id)}
            // Named in words; the pill and the dot are for the eye (flex items could be read apart).
            aria-label={`${tab.label}${tab.count ? ` (${tab.count})` : ''}${tab.live ? ' (open now)' : ''}`}
            className={`-mb-px inline-flex shrink-0 items-center gap-1 rounded-t-md border px-1.5 py-1.5 text-[13px] font-medium whitespace-nowrap ${panel === tab.id ? 'border-slate-300 border-b-slate-50 bg-slate-50' : 'border-transparent text-slate-700 hover:bg-slate-100'}`}
          >
            {tab.label}
            {tab.count ? (
              <span aria-hidden="true" className="rounded-full bg-slate-200 px-1 text-[11px] leading-4 text-slate-900">
                {tab.count}
              </span>
            ) : null}
            {tab.live && <span aria-hidden="true" className="size-2 rounded-full bg-blue-700" />}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${panel}`} aria-labelledby={`tab-${panel}`}>
        {panel === 'agenda' && <AgendaPanel board={board} />}
        {panel === 'vote' &&
          (card.available ? (
            // On a phone the session lives in its card; one copy of it on the page, not two.
            <button type="button" onClick={card.reopen} className="min-h-11 rounded-md bg-blue-700 px-4 font-semibold text-white">
              Open the {facilitation.consensus && facilitation.consensus.status !== 'closed' ? 'consensus check' : 'vote'} full screen
            </button>
          ) : (
            <ActivityPanels board={board} participantId={user.id} people={people} />
          ))}
        {panel === 'glossary' && <GlossaryPanel board={board} awareness={awareness} user={user} />}
        {panel === 'metrics' && <MetricsPanel board={board} awareness={awareness} user={user} />}
        {panel === 'parking' && <ParkingLotPanel author={user.name} />}
        {panel === 'heatmap' && role === 'facilitator' && <ConfusionHeatMap />}
      </div>
      {card.open && <ActivityCard board={board} participantId={user.id} people={people} onClose={card.close} />}
    </div>
  );
}
