'use client';

import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, useStore, type Edge, type EdgeProps, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { MetricRecord } from '@/lib/doc/schema';
import { useWallActions } from './wall-context';

export type LaneNode = Node<{ label: string }, 'lane'>;
export type DumpNode = Node<{ count: number }, 'dump'>;
export type FlowEdge = Edge<{ metrics: readonly MetricRecord[]; label: string }, 'flow'>;

/** A swimlane: one row per owner role, its name on the left. */
const laneFontSelector = (s: { transform: [number, number, number] }) => Math.min(40, Math.max(18, Math.round(12 / Math.max(s.transform[2], 0.05))));

export const WallLane = memo(function WallLane({ data }: NodeProps<LaneNode>) {
  const size = useStore(laneFontSelector);
  return (
    <div className="h-full w-full rounded-lg border border-amber-900/20 bg-amber-50/60" role="group" aria-label={`Lane: ${data.label}`}>
      <p className="w-40 p-2 leading-tight font-bold break-words text-amber-950" style={{ fontSize: size }}>
        {data.label}
      </p>
    </div>
  );
});

/** The brain-dump area: where loose notes go before they find their step. */
export const WallDump = memo(function WallDump({ data }: NodeProps<DumpNode>) {
  return (
    <div className="h-full w-full rounded-xl border-2 border-dashed border-stone-500/60 bg-stone-100/50 p-3">
      <p className="text-base font-bold text-stone-800">Brain dump</p>
      <p className="text-sm text-stone-700">
        {data.count === 0 ? 'Double-click here (or use “Add loose note”) and write one step per note.' : 'Drag a note onto a step, or make it a step or a term.'}
      </p>
    </div>
  );
});

/** The arrow from one step to the next, with the metrics on that boundary drawn once, on the arrow. */
export const FlowArrow = memo(function FlowArrow({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, data }: EdgeProps<FlowEdge>) {
  const actions = useWallActions();
  const [path, labelX, labelY] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 12 });
  const metrics = data?.metrics ?? [];
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={{ stroke: '#44403c', strokeWidth: 2 }} />
      {metrics.length > 0 && (
        <EdgeLabelRenderer>
          <ul
            className="nodrag nopan absolute flex max-w-44 flex-col gap-1"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, pointerEvents: 'all' }}
            aria-label={`Metrics on ${data?.label ?? 'this boundary'}`}
          >
            {metrics.map((metric) => (
              <li key={metric.id}>
                <button type="button" onClick={() => actions.focusMetric(metric.id)} className="w-full rounded-full border-2 border-teal-700 bg-teal-50 px-2 py-0.5 text-left text-xs font-semibold text-teal-950 shadow hover:bg-teal-100">
                  {metric.name || 'Untitled metric'}
                  {metric.target && <span className="font-normal"> · target {metric.target}</span>}
                </button>
              </li>
            ))}
          </ul>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
