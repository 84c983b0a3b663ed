import { scaleBand, scaleLinear } from 'd3-scale';
import { stack } from 'd3-shape';

/**
 * Charts drawn on the server as SVG, accessible without JavaScript: role="img" with a <title>
 * and <desc>, and always a data table beside them on the page. d3-scale computes the scales and
 * "nice" ticks, d3-shape stacks the series (see docs/DECISIONS.md); no chart runs in the browser.
 */

const W = 640;
const H = 260;
const M = { top: 12, right: 12, bottom: 36, left: 48 };
/** Colour-blind-safe pair (Okabe–Ito blue and orange), with 3:1 contrast on white. */
const COLOURS = ['#0072B2', '#D55E00', '#009E73'];

export interface Series {
  key: string;
  label: string;
}

export function BarChart(props: {
  id: string;
  title: string;
  desc: string;
  labels: string[];
  series: Series[];
  values: Record<string, number>[];
  format?: (n: number) => string;
}) {
  const { id, labels, series, values } = props;
  const x = scaleBand<string>()
    .domain(labels)
    .range([M.left, W - M.right])
    .padding(0.2);
  const stacked = stack<Record<string, number>>().keys(series.map((s) => s.key))(values);
  const max = Math.max(1, ...stacked.flatMap((layer) => layer.map((d) => d[1])));
  const y = scaleLinear()
    .domain([0, max])
    .nice()
    .range([H - M.bottom, M.top]);
  const fmt = props.format ?? ((n: number) => String(n));
  return (
    <figure>
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        class="chart-wide"
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={`${id}-title`}>{props.title}</title>
        <desc id={`${id}-desc`}>{props.desc}</desc>
        <g>
          {y.ticks(5).map((tick) => (
            <g>
              <line x1={M.left} x2={W - M.right} y1={y(tick)} y2={y(tick)} stroke="#ccc" />
              <text x={M.left - 6} y={y(tick)} dy="0.32em" text-anchor="end" font-size="11" fill="#333">
                {fmt(tick)}
              </text>
            </g>
          ))}
          {labels.map((l) => (
            <text
              x={(x(l) ?? 0) + x.bandwidth() / 2}
              y={H - M.bottom + 16}
              text-anchor="middle"
              font-size="11"
              fill="#333"
            >
              {l}
            </text>
          ))}
          {stacked.map((layer, i) => (
            <g fill={COLOURS[i % COLOURS.length]}>
              {layer.map((d, j) => (
                <rect
                  x={x(labels[j]!) ?? 0}
                  width={x.bandwidth()}
                  y={y(d[1])}
                  height={Math.max(0, y(d[0]) - y(d[1]))}
                />
              ))}
            </g>
          ))}
          {series.length > 1
            ? series.map((s, i) => (
                <g transform={`translate(${M.left + i * 140}, ${H - 8})`}>
                  <rect width="10" height="10" y="-9" fill={COLOURS[i % COLOURS.length]} />
                  <text x="14" font-size="11" fill="#333">
                    {s.label}
                  </text>
                </g>
              ))
            : null}
        </g>
      </svg>
    </figure>
  );
}

/** One horizontal gauge: `value` against `max` (a grant's claimable against the amount granted). */
export function Gauge(props: { id: string; title: string; desc: string; value: number; max: number; label: string }) {
  const x = scaleLinear()
    .domain([0, Math.max(props.max, props.value, 1)])
    .range([0, 400]);
  return (
    <svg
      role="img"
      aria-labelledby={`${props.id}-title ${props.id}-desc`}
      viewBox="0 0 420 34"
      width="100%"
      class="chart-narrow"
    >
      <title id={`${props.id}-title`}>{props.title}</title>
      <desc id={`${props.id}-desc`}>{`${props.desc} ${props.label}`}</desc>
      <g>
        <rect x="0" y="4" width={x(props.max)} height="16" fill="#e6e6e6" stroke="#767676" />
        <rect x="0" y="4" width={x(Math.max(0, props.value))} height="16" fill={COLOURS[0]} />
        <text x="0" y="32" font-size="11" fill="#333">
          {props.label}
        </text>
      </g>
    </svg>
  );
}
