'use client';

import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ItemRef, MetricId, StepId, TermId } from '@/lib/doc/schema';
import { useGlossary } from '@/components/glossary/glossary-context';
import { revealPanel } from './reveal-panel';

export type SidePanel = 'agenda' | 'glossary' | 'metrics' | 'parking' | 'vote' | 'heatmap';

type Navigation = {
  panel: SidePanel;
  setPanel: (panel: SidePanel) => void;
  selectedStep: StepId | null;
  selectStep: (id: StepId | null) => void;
  openMetricId: MetricId | null;
  openMetric: (id: MetricId | null) => void;
  /** The item a new parking-lot entry will link to (set by a "Park" button). */
  parkingSource: ItemRef | null;
  /**
   * Opens the parking lot linked to `source`; `reveal` (the default, for "Park" buttons) also
   * brings its input into view and focuses it. The parking lot's own controls pass false.
   */
  park: (source: ItemRef | null, options?: { reveal?: boolean }) => void;
  /** Brings any board item into view and opens it. */
  goTo: (ref: ItemRef) => void;
};

const NavigationContext = createContext<Navigation | null>(null);

/** Where the user is on the board: the open step, term, metric and side panel. */
export function BoardNavigationProvider({ panel, setPanel, children }: { panel: SidePanel; setPanel: (p: SidePanel) => void; children: ReactNode }) {
  const { openTerm } = useGlossary();
  const [selectedStep, selectStep] = useState<StepId | null>(null);
  const [openMetricId, openMetric] = useState<MetricId | null>(null);
  const [parkingSource, setParkingSource] = useState<ItemRef | null>(null);
  const value = useMemo<Navigation>(
    () => ({
      panel,
      setPanel,
      selectedStep,
      selectStep,
      openMetricId,
      openMetric,
      parkingSource,
      park: (source, options) => {
        setParkingSource(source);
        setPanel('parking');
        if (options?.reveal ?? true) revealPanel('parking', '#parking-text');
      },
      goTo: (ref) => {
        if (ref.kind === 'step') {
          selectStep(ref.id as StepId);
          document.getElementById(`step-card-${ref.id}`)?.scrollIntoView({ block: 'nearest', inline: 'center' });
        } else if (ref.kind === 'sticky') {
          document.getElementById(`sticky-${ref.id}`)?.scrollIntoView({ block: 'nearest', inline: 'center' });
        } else if (ref.kind === 'term') {
          openTerm(ref.id as TermId);
        } else {
          setPanel('metrics');
          openMetric(ref.id as MetricId);
        }
      },
    }),
    [panel, setPanel, selectedStep, openMetricId, parkingSource, openTerm],
  );
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const value = useContext(NavigationContext);
  if (!value) throw new Error('useNavigation outside BoardNavigationProvider');
  return value;
}
