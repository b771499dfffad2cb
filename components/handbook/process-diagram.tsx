import { PROCESS_LAYOUT, diagramBands, layoutProcess, wrapLabel, type DiagramBand, type LayoutNode, type ProcessLayout } from '@/lib/export/process-layout';

/**
 * The process diagram of the printable handbook: the layout `process.bpmn` carries (lanes by
 * owner role, columns by step order), drawn as SVG. A page is narrower than a process, so the
 * diagram is cut into bands of a few columns, one under the other, all at one scale; the lane
 * names repeat at the left of each band and the arrows run on from one band into the next.
 */
const MAX_COLUMNS = 5;
/** The band at the left of each row that names the lanes. */
const GUTTER = 130;
const FONT = 15;
const LINE = 17;

type Step = { readonly title: string; readonly ownerRole: string };

export function ProcessDiagram({ steps }: { steps: readonly Step[] }) {
  const layout = layoutProcess(steps);
  const bands = diagramBands(layout, MAX_COLUMNS);
  const widest = Math.max(...bands.map((b) => b.width));
  const lanes = layout.lanes.length;
  return (
    <figure aria-labelledby="hb-diagram-caption" className="space-y-2">
      <figcaption id="hb-diagram-caption" className="text-sm text-slate-700">
        Process diagram: {steps.length} {steps.length === 1 ? 'step' : 'steps'} from left to right, in {lanes} {lanes === 1 ? 'lane' : 'lanes'} by owner role
        {bands.length > 1 ? `, in ${bands.length} rows` : ''}.
      </figcaption>
      {bands.map((band, i) => (
        <div key={band.firstColumn} className="handbook-keep" style={{ width: `${((band.width + GUTTER) / (widest + GUTTER)) * 100}%` }}>
          <Band layout={layout} band={band} label={bandLabel(band, i, bands.length)} />
        </div>
      ))}
    </figure>
  );
}

function bandLabel(band: DiagramBand, index: number, count: number): string {
  const numbers = band.nodes.flatMap((n) => (n.stepIndex === null ? [] : [n.stepIndex + 1]));
  const span = numbers.length === 0 ? 'start and end' : numbers.length === 1 ? `step ${numbers[0]}` : `steps ${numbers[0]} to ${numbers.at(-1)}`;
  return count > 1 ? `Process diagram, row ${index + 1} of ${count}: ${span}` : `Process diagram: ${span}`;
}

function Band({ layout, band, label }: { layout: ProcessLayout; band: DiagramBand; label: string }) {
  const left = band.x - GUTTER;
  const lanes = layout.lanes.slice(band.firstLane, band.lastLane + 1);
  return (
    <svg role="img" aria-label={label} viewBox={`${left} ${band.y} ${band.width + GUTTER} ${band.height}`} className="block h-auto w-full" fontFamily="inherit">
      {lanes.map((lane) => (
        <rect key={lane.index} x={band.x} y={lane.y} width={band.width} height={lane.height} fill={lane.index % 2 ? '#f8fafc' : '#ffffff'} stroke="#94a3b8" strokeWidth={1.5} />
      ))}
      {band.edges.map((edge) => (
        <Edge key={edge.id} points={edge.waypoints} band={band} />
      ))}
      {band.nodes.map((node) => (
        <Node key={node.id} node={node} />
      ))}
      {/* Drawn last, over any arrow that runs on from the previous row. */}
      {lanes.map((lane) => (
        <g key={lane.index}>
          <rect x={left} y={lane.y} width={GUTTER} height={lane.height} fill="#e2e8f0" stroke="#94a3b8" strokeWidth={1.5} />
          <MultilineText lines={wrapLabel(lane.name, 12, Math.floor((lane.height - 16) / LINE))} x={left + GUTTER / 2} y={lane.y + lane.height / 2} fontWeight={600} />
        </g>
      ))}
    </svg>
  );
}

function Edge({ points, band }: { points: ReadonlyArray<{ x: number; y: number }>; band: DiagramBand }) {
  const end = points.at(-1)!;
  // The arrowhead only where the target is in this band; the stroke is cut by the band's edges.
  const headHere = end.x > band.x && end.x <= band.x + band.width;
  return (
    <g stroke="#334155" fill="#334155">
      <polyline points={points.map((p) => `${p.x},${p.y}`).join(' ')} fill="none" strokeWidth={2} />
      {headHere && <polygon points={`${end.x - 10},${end.y - 6} ${end.x},${end.y} ${end.x - 10},${end.y + 6}`} strokeWidth={1} />}
    </g>
  );
}

function Node({ node }: { node: LayoutNode }) {
  const cx = node.x + node.width / 2;
  const cy = node.y + node.height / 2;
  if (node.kind !== 'task' || node.stepIndex === null) {
    return (
      <g>
        <circle cx={cx} cy={cy} r={node.width / 2} fill="#ffffff" stroke="#0f172a" strokeWidth={node.kind === 'end' ? 4 : 2} />
        <text x={cx} y={node.y + node.height + FONT + 2} textAnchor="middle" fontSize={FONT - 2} fill="#334155">
          {node.label}
        </text>
      </g>
    );
  }
  const { task } = PROCESS_LAYOUT;
  // The step number above the box, so that the box holds as much of the title as it can.
  const lines = wrapLabel(node.label, 10, Math.floor((task.height - 6) / LINE));
  return (
    <g data-diagram-step={node.stepIndex + 1}>
      <title>{`${node.stepIndex + 1}. ${node.label}`}</title>
      <text x={node.x + 2} y={node.y - 8} fontSize={FONT - 2} fontWeight={700} fill="#334155">
        Step {node.stepIndex + 1}
      </text>
      <rect x={node.x} y={node.y} width={node.width} height={node.height} rx={10} fill="#ffffff" stroke="#0f172a" strokeWidth={2} />
      <MultilineText lines={lines} x={cx} y={cy} />
    </g>
  );
}

/** Lines centred on (x, y). */
function MultilineText({ lines, x, y, fontWeight }: { lines: readonly string[]; x: number; y: number; fontWeight?: number }) {
  const top = y - ((lines.length - 1) * LINE) / 2;
  return (
    <text x={x} textAnchor="middle" dominantBaseline="central" fontSize={FONT} fontWeight={fontWeight} fill="#0f172a">
      {lines.map((line, i) => (
        <tspan key={i} x={x} y={top + i * LINE}>
          {line}
        </tspan>
      ))}
    </text>
  );
}
