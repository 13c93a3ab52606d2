/**
 * A horizontal bar chart in SVG. The drawing is hidden from assistive technologies, which read the same
 * figures from the table the caller renders beside it.
 */
export interface Bar {
  label: string;
  /** From `min` to `max`. */
  value: number;
  display: string;
}

const width = 480;
const rowHeight = 28;
const labelWidth = 180;

export function BarChart({ bars, min = 0, max = 1, testId }: { bars: Bar[]; min?: number; max?: number; testId?: string }) {
  const plot = width - labelWidth - 60;
  const zero = labelWidth + ((0 - min) / (max - min)) * plot;
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${width} ${bars.length * rowHeight + 8}`}
      width="100%"
      aria-hidden="true"
      focusable="false"
      data-testid={testId}
    >
      {bars.map((bar, i) => {
        const x = labelWidth + ((Math.min(bar.value, 0) - min) / (max - min)) * plot;
        const w = (Math.abs(bar.value) / (max - min)) * plot;
        const y = i * rowHeight + 4;
        return (
          <g key={bar.label} className={bar.value < 0 ? 'bar negative' : 'bar'}>
            <text x={labelWidth - 8} y={y + 17} textAnchor="end">
              {bar.label.length > 24 ? `${bar.label.slice(0, 23)}…` : bar.label}
            </text>
            <rect x={x} y={y} width={Math.max(w, 1)} height={rowHeight - 8} rx={3} />
            <text x={Math.max(x + w, zero) + 6} y={y + 17}>
              {bar.display}
            </text>
          </g>
        );
      })}
      {min < 0 ? <line x1={zero} x2={zero} y1={0} y2={bars.length * rowHeight + 8} className="axis" /> : null}
    </svg>
  );
}
