'use client';

/*
 * The process as a zoomable wall. The canvas is React Flow 12 (@xyflow/react, MIT): pan, zoom,
 * pinch, fit, a minimap, custom HTML nodes and culling of what is out of view come from a kept
 * library instead of our own gesture maths (tldraw was ruled out: production use needs a licence
 * key). It installs offline from the npm registry and declares no Node engine beyond ours.
 * Positions are ours: `lib/wall/layout.ts` computes every node's place from the shared process;
 * only loose notes keep a shared position. Each person's viewport is their own.
 */
import '@xyflow/react/dist/style.css';
import {
  MarkerType,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useNodesInitialized,
  useReactFlow,
  useViewport,
  type Node,
  type NodeChange,
  type OnMove,
  type XYPosition,
} from '@xyflow/react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { BoardLimitError } from '@/lib/doc/fields';
import {
  addLooseSticky,
  addStep,
  addSticky,
  convertStickyToStep,
  convertStickyToTerm,
  deleteStep,
  deleteSticky,
  moveStep,
  placeSticky,
  setStickyKind,
  setStickyPosition,
  tidyDescription,
} from '@/lib/doc/process';
import { metricsOnStep } from '@/lib/doc/metrics';
import { bringEveryoneHere } from '@/lib/doc/sessions';
import { itemKey, type MetricId, type MetricRecord, type StepId, type StickyId, type StickyKind, type StickyRecord, type TermId } from '@/lib/doc/schema';
import { parseFocus } from '@/lib/doc/sessions';
import { POINTER_INTERVAL_MS, colorFor, type Identity, type PresenceEntry } from '@/lib/presence';
import type { WorkshopConnection } from '@/lib/sync/workshop-connection';
import { WALL, dropTarget, layoutWall, nextLooseSpot, type Rect } from '@/lib/wall/layout';
import { useBoardUndoContext } from '@/components/workshop/board-undo-context';
import { useNavigation } from '@/components/workshop/board-navigation';
import { useSignals } from '@/components/signals/signals-context';
import { useFacilitation } from '@/components/facilitation/facilitation-context';
import { useGlossary } from '@/components/glossary/glossary-context';
import { useProcess } from '@/components/process/use-process';
import { WallContext, type WallActions } from './wall-context';
import { WallStep, type StepNode } from './step-node';
import { WallNote, type NoteNode } from './note-node';
import { FlowArrow, WallDump, WallLane, type DumpNode, type FlowEdge, type LaneNode } from './area-nodes';
import { StepDrawer } from './step-drawer';
import { usePointers } from './use-pointers';
import { notifyStorageChanged, useStorageItem } from '@/components/ui/use-storage-item';

type Props = { connection: WorkshopConnection; identity: Identity; people: readonly PresenceEntry[]; onListView: () => void };
type WallNode = StepNode | NoteNode | LaneNode | DumpNode;

const NODE_TYPES = { step: WallStep, note: WallNote, lane: WallLane, dump: WallDump };
const EDGE_TYPES = { flow: FlowArrow };
/** Above this many steps or notes only what is in view is rendered (the list view keeps every item reachable in order). */
const CULL_AFTER = 400;
const FIT_PADDING = 0.04;
const LANES_KEY = 'common-ground:wall-lanes';

export function Wall(props: Props) {
  return (
    <ReactFlowProvider>
      <WallCanvas {...props} />
    </ReactFlowProvider>
  );
}

function WallCanvas({ connection, identity, people, onListView }: Props) {
  const board = connection.board;
  const flow = useReactFlow<WallNode, FlowEdge>();
  const { steps, stickiesByStep, loose } = useProcess(board);
  const { signals, metrics } = useSignals();
  const { facilitation, following, setFollowing, isFacilitator, isLockedForMe } = useFacilitation();
  const { selectedStep, selectStep, goTo } = useNavigation();
  const { openTerm } = useGlossary();
  const { undo, state: undoState } = useBoardUndoContext();
  const lanes = useStorageItem(LANES_KEY) === '1';
  const [editingNote, setEditingNote] = useState<StickyId | null>(null);
  const [justAdded, setJustAdded] = useState<StepId | null>(null);
  const [dragged, setDragged] = useState<{ id: string; position: XYPosition } | null>(null);
  const [dropStep, setDropStep] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; undoable: boolean } | null>(null);
  const wrapper = useRef<HTMLElement>(null);

  // The lanes toggle is this person's view, remembered in this browser.
  const toggleLanes = () => {
    window.localStorage.setItem(LANES_KEY, lanes ? '0' : '1');
    notifyStorageChanged();
  };

  const stepNotes = useMemo(() => steps.flatMap((s) => stickiesByStep.get(s.id) ?? []), [steps, stickiesByStep]);
  const layout = useMemo(
    () => layoutWall(steps, [...stepNotes, ...loose], { lanes }),
    [steps, stepNotes, loose, lanes],
  );
  const stepIndex = useMemo(() => new Map(steps.map((s, i) => [s.id, i])), [steps]);
  const stepExists = useCallback((id: StepId) => stepIndex.has(id), [stepIndex]);

  // ---- actions (stable: nodes read the latest state through a ref) -------------------------
  const fail = (error: unknown, fallback: string) => setNotice({ text: error instanceof BoardLimitError ? error.message : fallback, undoable: false });
  const latest = useRef({ steps, stickiesByStep, layout, identity });
  useLayoutEffect(() => {
    latest.current = { steps, stickiesByStep, layout, identity };
  });
  const actions = useMemo<WallActions>(
    () => ({
      board,
      identity,
      openStep: (id) => selectStep(id),
      addNote: (stepId) => {
        try {
          undo.stopCapturing();
          const id = addSticky(board, { stepId, kind: 'idea', text: '', authorId: latest.current.identity.id, authorName: latest.current.identity.name });
          setEditingNote(id);
        } catch (error) {
          fail(error, 'The note could not be added.');
        }
      },
      editNote: (id) => {
        setEditingNote((current) => {
          // A note left empty on leaving it was a note nobody wrote: it goes.
          if (current && current !== id) {
            const note = [...latest.current.stickiesByStep.values()].flat().find((s) => s.id === current) ?? null;
            if (note && note.text.trim() === '') deleteSticky(board, current);
          }
          return id;
        });
      },
      nudgeNote: (id, direction) => {
        const { steps: list, stickiesByStep: byStep } = latest.current;
        const note = [...byStep.values()].flat().find((s) => s.id === id);
        if (!note) return;
        const at = list.findIndex((s) => s.id === note.stepId);
        const inStep = byStep.get(note.stepId) ?? [];
        const position = inStep.findIndex((s) => s.id === id);
        undo.stopCapturing();
        if (direction === 'left' || direction === 'right') {
          const to = list[at + (direction === 'left' ? -1 : 1)];
          if (to) placeSticky(board, id, to.id, Math.min(position, (byStep.get(to.id) ?? []).length));
        } else {
          placeSticky(board, id, note.stepId, Math.max(0, position + (direction === 'up' ? -1 : 1)));
        }
        undo.stopCapturing();
        // The note's element is new after a move: keep the keyboard on it.
        requestAnimationFrame(() => document.getElementById(`sticky-${id}`)?.focus({ preventScroll: true }));
      },
      moveStepBy: (id, by) => {
        const at = latest.current.steps.findIndex((s) => s.id === id);
        if (at < 0 || at + by < 0 || at + by >= latest.current.steps.length) return;
        undo.stopCapturing();
        moveStep(board, id, at + by);
      },
      deleteNote: (id) => {
        undo.stopCapturing();
        deleteSticky(board, id);
        setNotice({ text: 'Deleted a note.', undoable: true });
      },
      setNoteKind: (id, kind: StickyKind) => setStickyKind(board, id, kind),
      noteToStep: (id) => {
        try {
          undo.stopCapturing();
          const stepId = convertStickyToStep(board, id, { createdBy: latest.current.identity.id });
          undo.stopCapturing();
          if (stepId) {
            tidyDescription(board, stepId);
            setNotice({ text: 'The note is now the last step.', undoable: true });
          }
        } catch (error) {
          fail(error, 'The note could not become a step.');
        }
      },
      noteToTerm: (id) => {
        try {
          undo.stopCapturing();
          const termId = convertStickyToTerm(board, id);
          undo.stopCapturing();
          if (termId) {
            openTerm(termId as TermId);
            setNotice({ text: 'The note is now a glossary term.', undoable: true });
          }
        } catch (error) {
          fail(error, 'The note could not become a term.');
        }
      },
      focusMetric: (id) => goTo({ kind: 'metric', id: id as MetricId }),
    }),
    // selectStep/goTo/openTerm come from navigation and are stable enough; identity is read from the ref.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [board, undo],
  );

  const addStepAtEnd = () => {
    try {
      undo.stopCapturing();
      const id = addStep(board, { createdBy: identity.id });
      setJustAdded(id);
      setNotice(null);
      // Show the new step's column; its title takes focus when it mounts.
      const at = layout.steps.length;
      const x = (lanes ? WALL.laneLabelWidth : 0) + at * (WALL.cardWidth + WALL.gapX);
      void flow.setCenter(x + WALL.cardWidth / 2, WALL.cardHeight, { zoom: Math.max(flow.getZoom(), 0.8), duration: 200 });
    } catch (error) {
      fail(error, 'The step could not be added.');
    }
  };
  const addLoose = (at?: XYPosition) => {
    try {
      undo.stopCapturing();
      const spot = at ?? nextLooseSpot(layout);
      const id = addLooseSticky(board, { ...spot, kind: 'idea', text: '', authorId: identity.id, authorName: identity.name });
      setEditingNote(id);
      if (!at) void flow.setCenter(spot.x + WALL.noteWidth / 2, spot.y + WALL.noteHeight / 2, { zoom: Math.max(flow.getZoom(), 0.8), duration: 200 });
    } catch (error) {
      fail(error, 'The note could not be added.');
    }
  };
  const removeStep = (id: StepId) => {
    const title = steps.find((s) => s.id === id)?.title || 'Untitled step';
    undo.stopCapturing();
    deleteStep(board, id);
    selectStep(null);
    setNotice({ text: `Deleted “${title}”.`, undoable: true });
  };

  // ---- nodes and edges ----------------------------------------------------------------------
  const editors = useCallback((id: StepId) => people.filter((p) => p.editing === id && !p.isSelf), [people]);
  const boundaryMetrics = useMemo(() => {
    const byPair = new Map<string, MetricRecord[]>();
    for (const metric of metrics) {
      if (metric.attachment.kind !== 'boundary') continue;
      const { fromStepId, toStepId } = metric.attachment;
      if (!stepExists(fromStepId) || !stepExists(toStepId)) continue;
      const key = `${fromStepId}>${toStepId}`;
      byPair.set(key, [...(byPair.get(key) ?? []), metric]);
    }
    return byPair;
  }, [metrics, stepExists]);
  const parkedBy = useMemo(() => {
    const counts = new Map<string, number>();
    for (const item of signals.parking) if (item.source && !item.resolved) counts.set(itemKey(item.source), (counts.get(itemKey(item.source)) ?? 0) + 1);
    return counts;
  }, [signals.parking]);

  const nodes = useMemo<WallNode[]>(() => {
    const list: WallNode[] = [];
    const sized = (rect: Rect) => ({ position: { x: rect.x, y: rect.y }, width: rect.width, height: rect.height, measured: { width: rect.width, height: rect.height }, style: { width: rect.width, height: rect.height } });
    list.push({ id: 'dump', type: 'dump', data: { count: loose.length }, ...sized(layout.dump), draggable: false, selectable: false, focusable: false, zIndex: -2 });
    for (const lane of layout.lanes) list.push({ id: `lane:${lane.key}`, type: 'lane', data: { label: lane.label }, ...sized(lane.rect), draggable: false, selectable: false, focusable: false, zIndex: -1 });
    const notesById = new Map<string, StickyRecord>([...stepNotes, ...loose].map((n) => [n.id, n]));
    const placedNotes = new Map<string, typeof layout.notes>();
    for (const note of layout.notes) {
      const list = placedNotes.get(note.stepId);
      if (list) list.push(note);
      else placedNotes.set(note.stepId, [note]);
    }
    const noteNode = (placed: (typeof layout.notes)[number], place: string, locked: boolean): NoteNode => ({
      id: placed.id,
      type: 'note',
      data: { sticky: notesById.get(placed.id)!, editing: editingNote === placed.id, place, locked },
      ...sized(placed.rect),
      draggable: !locked && editingNote !== placed.id,
      selectable: false,
      focusable: false,
      zIndex: 1,
    });
    for (const placed of layout.steps) {
      const step = steps[placed.index]!;
      const key = itemKey({ kind: 'step', id: step.id });
      const locked = isLockedForMe({ kind: 'step', id: step.id });
      list.push({
        id: step.id,
        type: 'step',
        data: {
          step,
          index: placed.index,
          stepCount: steps.length,
          notes: (stickiesByStep.get(step.id) ?? []).length,
          flags: signals.counts.get(key) ?? 0,
          parked: parkedBy.get(key) ?? 0,
          metrics: metricsOnStep(metrics, step.id, stepExists).filter((m) => m.attachment.kind === 'step'),
          editors: editors(step.id),
          locked,
          selected: selectedStep === step.id,
          dropHint: dropStep === step.id,
          autoFocusTitle: justAdded === step.id,
        },
        ...sized(placed.card),
        // React Flow turns pointer events off on nodes that are neither draggable nor
        // selectable; a card's buttons and title must take clicks.
        style: { width: placed.card.width, height: placed.card.height, pointerEvents: 'all' },
        draggable: false,
        selectable: false,
        focusable: false,
      });
      for (const note of placedNotes.get(step.id) ?? []) list.push(noteNode(note, `step ${placed.index + 1}: ${step.title || 'Untitled step'}`, locked));
    }
    for (const note of placedNotes.get('') ?? []) list.push(noteNode(note, 'the brain dump', false));
    return list;
  }, [layout, steps, stepNotes, loose, stickiesByStep, signals.counts, parkedBy, metrics, stepExists, editors, isLockedForMe, selectedStep, dropStep, justAdded, editingNote]);

  const shown = useMemo(() => (dragged ? nodes.map((n) => (n.id === dragged.id ? { ...n, position: dragged.position } : n)) : nodes), [nodes, dragged]);

  const edges = useMemo<FlowEdge[]>(
    () =>
      steps.slice(1).map((step, i) => {
        const from = steps[i]!;
        return {
          id: `${from.id}>${step.id}`,
          source: from.id,
          target: step.id,
          type: 'flow',
          focusable: false,
          selectable: false,
          markerEnd: { type: MarkerType.ArrowClosed, color: '#44403c', width: 18, height: 18 },
          data: { metrics: boundaryMetrics.get(`${from.id}>${step.id}`) ?? [], label: `${from.title || 'Untitled step'} → ${step.title || 'Untitled step'}` },
        };
      }),
    [steps, boundaryMetrics],
  );

  const onNodesChange = useCallback((changes: NodeChange<WallNode>[]) => {
    for (const change of changes) {
      if (change.type === 'position' && change.position && change.dragging) setDragged({ id: change.id, position: change.position });
    }
  }, []);
  const onNodeDragStart = useCallback(() => {
    undo.stopCapturing();
  }, [undo]);
  const onNodeDrag = useCallback(
    (_: unknown, node: Node) => {
      const target = dropTarget(layout, node.id, node.position);
      setDropStep(target.kind === 'step' ? target.stepId : null);
    },
    [layout],
  );
  const onNodeDragStop = useCallback(
    (_: unknown, node: Node) => {
      setDragged(null);
      setDropStep(null);
      if (node.type !== 'note') return;
      const target = dropTarget(layout, node.id, node.position);
      if (target.kind === 'step') placeSticky(board, node.id as StickyId, target.stepId as StepId, target.index);
      else setStickyPosition(board, node.id as StickyId, target.x, target.y);
      undo.stopCapturing();
    },
    [board, layout, undo],
  );

  // ---- viewport: fit, follow, keyboard --------------------------------------------------------
  const contentIds = useCallback(() => {
    const ids = [...layout.steps.map((s) => ({ id: s.id })), ...layout.notes.map((n) => ({ id: n.id })), ...layout.lanes.map((l) => ({ id: `lane:${l.key}` }))];
    return ids.length > 0 ? ids : [{ id: 'dump' }];
  }, [layout]);
  const fit = useCallback(() => void flow.fitView({ padding: FIT_PADDING, nodes: contentIds(), duration: 200 }), [flow, contentIds]);
  const initialized = useNodesInitialized();
  const fittedOnce = useRef(false);
  const programmatic = useRef(false);
  const fitRect = useCallback(
    (rect: Rect, padding = FIT_PADDING) => {
      programmatic.current = true;
      void flow.fitBounds(rect, { padding, duration: 200 }).finally(() => (programmatic.current = false));
    },
    [flow],
  );

  // Followers: every new activity of the facilitator's moves their wall too.
  const { focus, activity, view } = facilitation;
  const applied = useRef<string | null>(null);
  useEffect(() => {
    if (!initialized) return;
    const first = !fittedOnce.current;
    fittedOnce.current = true;
    const follow = !isFacilitator && following && activity && applied.current !== `${activity}|${following}`;
    if (follow) {
      applied.current = `${activity}|${following}`;
      const target = parseFocus(focus);
      if (target.kind === 'panel' && target.panel === 'process') {
        if (view) return fitRect(view, 0);
        return fitRect(layout.bounds);
      }
      if (target.kind === 'item' && target.item.kind === 'step') {
        const placed = layout.steps.find((s) => s.id === target.item.id);
        if (placed) return fitRect(placed.column, 0.15);
      }
    }
    if (first) fitRect(layout.bounds);
    // Only a new activity (or following again) moves the view, never a change of content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initialized, activity, following, isFacilitator]);

  const onMove: OnMove = useCallback(
    (event) => {
      // Panning or zooming by hand steps out of following; the agenda bar's "Back to the facilitator" returns.
      // On an actual move, not on its start: a plain click on a card starts a (null) pan.
      if (event && !programmatic.current && !isFacilitator && following) setFollowing(false);
    },
    [following, isFacilitator, setFollowing],
  );

  const bringHere = () => {
    const el = wrapper.current?.querySelector('.react-flow');
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    const { x, y, zoom } = flow.getViewport();
    bringEveryoneHere(connection.facilitation, { x: -x / zoom, y: -y / zoom, width: width / zoom, height: height / zoom });
    setNotice({ text: 'Everyone who follows now sees this part of the wall.', undoable: false });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (target.closest('input,textarea,select,.ProseMirror')) return;
    if (event.shiftKey && (event.code === 'Digit1' || event.key === '!')) {
      event.preventDefault();
      return fit();
    }
    // Arrows pan and +/- zoom when the wall itself has focus (not a note or a button in it).
    if (target !== event.currentTarget && !target.classList.contains('react-flow__pane')) return;
    const step = 80;
    const pan = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] }[event.key];
    if (pan) {
      event.preventDefault();
      const v = flow.getViewport();
      void flow.setViewport({ x: v.x + pan[0]!, y: v.y + pan[1]!, zoom: v.zoom }, { duration: 100 });
    } else if (event.key === '+' || event.key === '=') {
      event.preventDefault();
      void flow.zoomIn({ duration: 150 });
    } else if (event.key === '-' || event.key === '_') {
      event.preventDefault();
      void flow.zoomOut({ duration: 150 });
    }
  };

  // A focused element out of view brings the wall to it (and never scrolls the canvas itself).
  useEffect(() => {
    const root = wrapper.current?.querySelector<HTMLElement>('.react-flow');
    if (!root) return;
    const unscroll = () => {
      if (root.scrollTop || root.scrollLeft) {
        root.scrollTop = 0;
        root.scrollLeft = 0;
      }
    };
    const onFocus = (event: FocusEvent) => {
      const nodeEl = (event.target as HTMLElement).closest<HTMLElement>('.react-flow__node');
      unscroll();
      if (!nodeEl) return;
      const box = nodeEl.getBoundingClientRect();
      const frame = root.getBoundingClientRect();
      if (box.left >= frame.left && box.right <= frame.right && box.top >= frame.top && box.bottom <= frame.bottom) return;
      const node = flow.getNode(nodeEl.dataset.id ?? '');
      if (node) void flow.setCenter(node.position.x + (node.width ?? 0) / 2, node.position.y + (node.height ?? 0) / 2, { zoom: Math.max(flow.getZoom(), 0.7), duration: 150 });
    };
    root.addEventListener('scroll', unscroll);
    root.addEventListener('focusin', onFocus);
    return () => {
      root.removeEventListener('scroll', unscroll);
      root.removeEventListener('focusin', onFocus);
    };
  }, [flow, initialized]);

  // ---- pointers -----------------------------------------------------------------------------
  const lastSent = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onPointerMove = (event: React.PointerEvent) => {
    if (event.pointerType === 'touch') return;
    const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    const send = () => {
      lastSent.current = performance.now();
      pending.current = null;
      connection.setPointer(point);
    };
    const wait = POINTER_INTERVAL_MS - (performance.now() - lastSent.current);
    if (pending.current) clearTimeout(pending.current);
    if (wait <= 0) send();
    else pending.current = setTimeout(send, wait);
  };
  const onPointerLeave = () => {
    if (pending.current) clearTimeout(pending.current);
    pending.current = null;
    connection.setPointer(null);
  };

  const selectedIndex = selectedStep ? stepIndex.get(selectedStep) ?? -1 : -1;
  const cull = steps.length + stepNotes.length + loose.length > CULL_AFTER;

  return (
    <WallContext.Provider value={actions}>
      <section
        ref={wrapper}
        aria-labelledby="process-heading"
        aria-describedby="wall-help"
        tabIndex={0}
        onKeyDown={onKeyDown}
        onPointerMove={onPointerMove}
        onPointerLeave={onPointerLeave}
        onDoubleClick={(event) => {
          if (!(event.target as HTMLElement).classList.contains('react-flow__pane') && !(event.target as HTMLElement).closest('.react-flow__node-dump')) return;
          // In a step's column it is a note for that step; anywhere else a loose note right there.
          const at = flow.screenToFlowPosition({ x: event.clientX - (WALL.noteWidth / 2) * flow.getZoom(), y: event.clientY - (WALL.noteHeight / 2) * flow.getZoom() });
          const target = dropTarget(layout, '', at);
          if (target.kind === 'step') actions.addNote(target.stepId as StepId);
          else addLoose(at);
        }}
        className="relative h-full min-h-[28rem] overflow-hidden rounded-xl border border-stone-300 bg-[#efe6d6] focus-visible:outline-3 focus-visible:outline-blue-700"
      >
        <h2 id="process-heading" className="sr-only">
          Process wall ({steps.length} {steps.length === 1 ? 'step' : 'steps'})
        </h2>
        <p id="wall-help" className="sr-only">
          Arrow keys pan and plus or minus zoom when the wall has focus; Shift+1 fits the whole process. On a note, Enter edits, Escape leaves, Alt+arrows move it. The list view shows the same content as a list.
        </p>
        <ReactFlow<WallNode, FlowEdge>
          nodes={shown}
          edges={edges}
          nodeTypes={NODE_TYPES}
          edgeTypes={EDGE_TYPES}
          onNodesChange={onNodesChange}
          onNodeDragStart={onNodeDragStart}
          onNodeDrag={onNodeDrag}
          onNodeDragStop={onNodeDragStop}
          onMove={onMove}
          nodesConnectable={false}
          nodesFocusable={false}
          edgesFocusable={false}
          elementsSelectable={false}
          disableKeyboardA11y
          deleteKeyCode={null}
          selectionKeyCode={null}
          multiSelectionKeyCode={null}
          panActivationKeyCode={null}
          panOnScroll
          zoomOnScroll={false}
          zoomOnPinch
          zoomOnDoubleClick={false}
          nodeDragThreshold={4}
          minZoom={0.08}
          maxZoom={2}
          onlyRenderVisibleElements={cull}
          proOptions={{ hideAttribution: true }}
          aria-label="Process wall"
        >
          <Panel position="top-left" className="!m-2">
            <WallToolbar
              onAddStep={addStepAtEnd}
              onAddLoose={() => addLoose()}
              onFit={fit}
              lanes={lanes}
              onLanes={toggleLanes}
              onListView={onListView}
              isFacilitator={isFacilitator}
              onBringHere={bringHere}
            />
            {notice && (
              <p role="status" className="mt-1 inline-block rounded bg-white/95 px-2 py-1 text-sm shadow">
                {notice?.text}{' '}
                {notice?.undoable && undoState.canUndo && (
                  <button
                    type="button"
                    onClick={() => {
                      undo.undo();
                      setNotice(null);
                    }}
                    className="font-semibold text-blue-800 underline"
                  >
                    Undo
                  </button>
                )}
              </p>
            )}
          </Panel>
          {steps.length >= 10 && <MiniMap pannable zoomable ariaLabel="Overview of the whole process" nodeColor={(n) => (n.type === 'step' ? '#475569' : n.type === 'note' ? '#fbbf24' : 'transparent')} className="!bg-white/90" />}
          <Pointers awareness={connection.awareness} />
          {steps.length === 0 && loose.length === 0 && (
            <Panel position="top-center" className="!mt-24 max-w-md rounded-xl border border-dashed border-stone-500 bg-white/90 p-6 text-center">
              <p className="text-lg font-medium">No steps yet.</p>
              <p className="text-slate-700">Add the first step of the process — for example “Qualify lead” — or brain-dump on loose notes first.</p>
              <button type="button" onClick={addStepAtEnd} className="mt-3 min-h-11 rounded-md bg-blue-700 px-4 font-semibold text-white">
                Add the first step
              </button>
            </Panel>
          )}
        </ReactFlow>
        {selectedStep && (
          <StepDrawer
            board={board}
            stepId={selectedStep}
            step={steps[selectedIndex]}
            index={selectedIndex}
            stepCount={steps.length}
            awareness={connection.awareness}
            user={{ ...identity, color: colorFor(identity.id) }}
            onClose={() => selectStep(null)}
            onEditing={(on) => connection.setEditing(on ? selectedStep : null)}
            onMove={(by) => actions.moveStepBy(selectedStep, by)}
            onDelete={() => removeStep(selectedStep)}
          />
        )}
      </section>
    </WallContext.Provider>
  );
}

function WallToolbar(props: {
  onAddStep: () => void;
  onAddLoose: () => void;
  onFit: () => void;
  lanes: boolean;
  onLanes: () => void;
  onListView: () => void;
  isFacilitator: boolean;
  onBringHere: () => void;
}) {
  const flow = useReactFlow();
  const { zoom } = useViewport();
  const button = 'h-9 rounded-md border border-slate-400 bg-white px-2.5 text-sm font-medium hover:bg-slate-100';
  return (
    <div role="toolbar" aria-label="Wall" className="flex flex-wrap items-center gap-1 rounded-lg bg-white/95 p-1 shadow-md">
      <button type="button" onClick={props.onAddStep} className="h-9 rounded-md bg-blue-700 px-3 text-sm font-semibold text-white hover:bg-blue-800">
        Add step
      </button>
      <button type="button" onClick={props.onAddLoose} className={button}>
        Add loose note
      </button>
      <span className="mx-1 h-6 w-px bg-slate-300" aria-hidden="true" />
      <button type="button" onClick={() => void flow.zoomOut({ duration: 150 })} className={`${button} w-9 px-0 text-lg`} aria-label="Zoom out" aria-keyshortcuts="-">
        −
      </button>
      <span className="w-12 text-center text-sm tabular-nums" aria-label="Zoom level">
        {Math.round(zoom * 100)}%
      </span>
      <button type="button" onClick={() => void flow.zoomIn({ duration: 150 })} className={`${button} w-9 px-0 text-lg`} aria-label="Zoom in" aria-keyshortcuts="+">
        +
      </button>
      <button type="button" onClick={props.onFit} className={button} aria-keyshortcuts="Shift+1">
        Fit to screen
      </button>
      <button type="button" onClick={props.onLanes} aria-pressed={props.lanes} className={`${button} ${props.lanes ? '!border-blue-700 !bg-blue-50' : ''}`}>
        Swimlanes
      </button>
      <button type="button" onClick={props.onListView} className={button}>
        List view
      </button>
      {/* Participants return with the agenda bar's "Back to the facilitator" (one control, not two). */}
      {props.isFacilitator && (
        <button type="button" onClick={props.onBringHere} className="h-9 rounded-md bg-slate-900 px-3 text-sm font-semibold text-white hover:bg-slate-700">
          Bring everyone here
        </button>
      )}
    </div>
  );
}

/** Others' pointers, placed in screen space from wall coordinates so they are right at any zoom. */
function Pointers({ awareness }: { awareness: WorkshopConnection['awareness'] }) {
  const pointers = usePointers(awareness);
  const { x, y, zoom } = useViewport();
  if (pointers.length === 0) return null;
  return (
    <div className="pointer-events-none absolute inset-0 z-10 overflow-hidden" aria-hidden="true">
      {pointers.map((p) => (
        <div key={p.clientId} data-testid="wall-pointer" className="absolute top-0 left-0 transition-transform duration-75" style={{ transform: `translate(${p.x * zoom + x}px, ${p.y * zoom + y}px)` }}>
          <svg width="18" height="18" viewBox="0 0 18 18" className="drop-shadow">
            <path d="M1 1 L16 7 L9 9 L7 16 Z" fill={p.color} stroke="white" strokeWidth="1.5" />
          </svg>
          <span className="ml-3 rounded px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap text-white" style={{ backgroundColor: p.color }}>
            {p.name}
          </span>
        </div>
      ))}
    </div>
  );
}
