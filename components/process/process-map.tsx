'use client';

import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, horizontalListSortingStrategy, sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { BoardLimitError } from '@/lib/doc/fields';
import { addStep, deleteStep, moveStep } from '@/lib/doc/process';
import type { StepId, StepRecord } from '@/lib/doc/schema';
import type { Identity, PresenceEntry } from '@/lib/presence';
import { colorFor } from '@/lib/presence';
import type { WorkshopConnection } from '@/lib/sync/workshop-connection';
import { StepCard } from './step-card';
import { StepDetails } from './step-details';
import { useBoardUndoContext } from '@/components/workshop/board-undo-context';
import { useNavigation } from '@/components/workshop/board-navigation';
import { useSignals } from '@/components/signals/signals-context';
import { metricsOnStep } from '@/lib/doc/metrics';
import { describeAttachment } from '@/components/metrics/attachment';
import type { StepMetricView } from './step-metrics';
import { useProcess } from './use-process';
import { useProgressiveCount } from '@/components/ui/use-progressive-count';

type Props = { connection: WorkshopConnection; identity: Identity; people: readonly PresenceEntry[] };

/** The process as a row of step cards, left to right, with their sticky notes. */
export function ProcessMap({ connection, identity, people }: Props) {
  const board = connection.board;
  const { steps, stickiesByStep } = useProcess(board);
  const { undo, state: undoState } = useBoardUndoContext();
  const { selectedStep: selected, selectStep: setSelected } = useNavigation();
  const { metrics } = useSignals();
  const [justAdded, setJustAdded] = useState<StepId | null>(null);
  // The step this user has focus in, and the one they deleted themselves (not a surprise).
  const [myEditing, setMyEditing] = useState<StepId | null>(null);
  const [deletedByMe, setDeletedByMe] = useState<StepId | null>(null);
  const editing = (id: StepId | null) => {
    setMyEditing(id);
    connection.setEditing(id);
  };
  const [notice, setNotice] = useState<{ text: string; undoable: boolean } | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));

  const add = (index?: number) => {
    try {
      undo.stopCapturing();
      // The new step's title takes focus when it mounts, so the user can type its name at once.
      setJustAdded(addStep(board, { index, createdBy: identity.id }));
      setNotice(null);
    } catch (error) {
      setNotice({ text: error instanceof BoardLimitError ? error.message : 'The step could not be added.', undoable: false });
    }
  };
  const remove = (id: StepId, title: string) => {
    undo.stopCapturing();
    setDeletedByMe(id);
    deleteStep(board, id);
    setNotice({ text: `Deleted “${title || 'Untitled step'}”.`, undoable: true });
  };
  const move = (id: StepId, to: number) => {
    undo.stopCapturing();
    moveStep(board, id, to);
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    move(active.id as StepId, steps.findIndex((s) => s.id === over.id));
  };
  const editorsOf = (id: StepId) => people.filter((p) => p.editing === id && !p.isSelf);
  const metricsByStep = useMemo(() => {
    const ids = new Set(steps.map((s) => s.id));
    const byStep = new Map<StepId, StepMetricView[]>();
    for (const step of steps) {
      const views = metricsOnStep(metrics, step.id, (id) => ids.has(id)).map((metric) => ({ metric, boundary: metric.attachment.kind === 'boundary' ? describeAttachment(metric.attachment, steps) : '' }));
      if (views.length > 0) byStep.set(step.id, views);
    }
    return byStep;
  }, [metrics, steps]);

  // Cards are memoised: they get stable callbacks that read the latest state through a ref.
  const latest = useRef({ move, remove, editing, selected, setSelected, steps });
  useLayoutEffect(() => {
    latest.current = { move, remove, editing, selected, setSelected, steps };
  });
  const cardHandlers = useMemo(
    () => ({
      onMove: (id: StepId, to: number) => latest.current.move(id, to),
      onDelete: (id: StepId, title: string) => latest.current.remove(id, title),
      onOpen: (id: StepId) => latest.current.setSelected(latest.current.selected === id ? null : id),
      onEditing: (id: StepId, on: boolean) => latest.current.editing(on ? id : null),
      getSteps: (): readonly StepRecord[] => latest.current.steps,
    }),
    [],
  );
  const sortableIds = useStableIds(steps);
  // On a large board the first screen of cards is built in full at once, the rest when idle.
  const revealed = useProgressiveCount(steps.length, { initial: 12, batch: 30 });
  const selectedIndex = steps.findIndex((s) => s.id === selected);
  const lostStep = myEditing !== null && myEditing !== deletedByMe && myEditing !== selected && !steps.some((s) => s.id === myEditing);

  return (
    <section aria-labelledby="process-heading" className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="process-heading" className="text-xl font-semibold">
          Process map <span className="text-base font-normal text-slate-600">({steps.length} {steps.length === 1 ? "step" : "steps"})</span>
        </h2>
        <button type="button" onClick={() => add()} className="rounded-md bg-blue-700 px-3 py-1.5 font-semibold text-white hover:bg-blue-800">
          Add step
        </button>
        <p role="status" className="text-sm">
          {notice?.text}{' '}
          {notice?.undoable && undoState.canUndo && (
            <button type="button" onClick={() => { undo.undo(); setNotice(null); }} className="font-semibold text-blue-800 underline">
              Undo
            </button>
          )}
        </p>
      </div>
      {lostStep && (
        <p role="alert" className="rounded-md border border-amber-400 bg-amber-50 px-3 py-2">
          The step you were editing was deleted by someone else.{' '}
          <button type="button" onClick={() => setMyEditing(null)} className="font-semibold underline">
            Dismiss
          </button>
        </p>
      )}
      {steps.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-400 bg-white p-8 text-center">
          <p className="text-lg font-medium">No steps yet.</p>
          <p className="text-slate-700">Add the first step of the process — for example “Qualify lead” — then the next one to its right.</p>
          <button type="button" onClick={() => add()} className="mt-3 rounded-md bg-blue-700 px-4 py-2 font-semibold text-white">
            Add the first step
          </button>
        </div>
      ) : (
        <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
          <SortableContext items={sortableIds} strategy={horizontalListSortingStrategy}>
            <ol className="flex items-start gap-1 overflow-x-auto pb-4" aria-label="Process steps, left to right">
              {steps.map((step, index) => (
                <li key={step.id} className="flex items-start gap-1">
                  {index > 0 && (
                    <button type="button" onClick={() => add(index)} className="mt-10 h-8 w-6 shrink-0 rounded text-slate-600 hover:bg-blue-100" aria-label={`Insert a step between ${steps[index - 1]!.title || 'Untitled step'} and ${step.title || 'Untitled step'}`}>
                      +
                    </button>
                  )}
                  <StepCard
                    board={board}
                    step={step}
                    index={index}
                    stepCount={steps.length}
                    stickies={stickiesByStep.get(step.id) ?? NO_STICKIES}
                    metrics={metricsByStep.get(step.id) ?? NO_METRICS}
                    editors={editorsOf(step.id)}
                    identity={identity}
                    selected={selected === step.id}
                    autoFocusTitle={justAdded === step.id}
                    revealed={index < revealed || selected === step.id}
                    {...cardHandlers}
                  />
                </li>
              ))}
            </ol>
          </SortableContext>
        </DndContext>
      )}
      {selected && (
        <StepDetails
          board={board}
          stepId={selected}
          step={steps[selectedIndex]}
          index={selectedIndex}
          awareness={connection.awareness}
          user={{ ...identity, color: colorFor(identity.id) }}
          onClose={() => setSelected(null)}
          onEditing={(on) => editing(on ? selected : null)}
        />
      )}
    </section>
  );
}

const NO_STICKIES: readonly never[] = [];
const NO_METRICS: readonly never[] = [];

/** The step ids in order, as the same array while they stay the same (dnd-kit re-renders every sortable item when its list changes). */
function useStableIds(steps: readonly StepRecord[]): string[] {
  const key = steps.map((s) => s.id).join('\n');
  return useMemo(() => (key ? key.split('\n') : []), [key]);
}
