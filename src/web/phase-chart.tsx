/**
 * The incident's status phases as a horizontal SVG: one coloured band per phase with its
 * name, start and duration, and a tick for each timeline entry. Server-rendered, readable
 * without JavaScript; the <title>/<desc> and the table under it carry the same facts.
 */
import { formatDuration } from "../incidents/duration";
import type { IncidentEvent } from "../incidents/incident";
import { STATUS_LABELS } from "../incidents/model";
import type { Phase } from "../incidents/phases";
import { readableText } from "../incidents/readable-text";

const COLOURS: Record<Phase["status"], string> = {
  investigating: "#b91c1c",
  identified: "#c2410c",
  monitoring: "#1d4ed8",
  resolved: "#166534",
};

const WIDTH = 880;
const LEFT = 10;
const BAND_Y = 34;
const BAND_H = 34;

export function PhaseChart({
  phases,
  events,
  end,
  formatAt,
}: {
  phases: Phase[];
  events: IncidentEvent[];
  end: number;
  formatAt: (ms: number) => string;
}) {
  const start = phases[0]?.start ?? end;
  const span = Math.max(end - start, 60_000);
  const x = (ms: number) => LEFT + ((Math.min(Math.max(ms, start), end) - start) / span) * (WIDTH - 2 * LEFT);
  const bands = phases.filter((p) => p.status !== "resolved");
  const resolved = phases.find((p) => p.status === "resolved" && p.end === undefined);
  const summary = bands.map((p) => `${STATUS_LABELS[p.status]} ${formatDuration((p.end ?? end) - p.start)}`).join(", ");
  return (
    <svg
      class="phase-chart"
      viewBox={`0 0 ${WIDTH} 120`}
      role="img"
      aria-labelledby="phase-title phase-desc"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id="phase-title">Status phases</title>
      <desc id="phase-desc">{`${summary}${resolved ? `, resolved at ${formatAt(resolved.start)}` : ""}. ${events.length} timeline entries.`}</desc>
      {bands.map((p) => {
        const x1 = x(p.start);
        const w = Math.max(x(p.end ?? end) - x1, 2);
        return (
          <g>
            <rect x={x1} y={BAND_Y} width={w} height={BAND_H} fill={COLOURS[p.status]} rx="3" />
            {w > 70 && (
              <text x={x1 + 6} y={BAND_Y + 14} fill="#fff" font-size="12" font-weight="600">
                {STATUS_LABELS[p.status]}
              </text>
            )}
            {w > 70 && (
              <text x={x1 + 6} y={BAND_Y + 28} fill="#fff" font-size="11">
                {formatDuration((p.end ?? end) - p.start)}
              </text>
            )}
            <text x={x1} y={BAND_Y - 8} fill="#57534e" font-size="11">
              {formatAt(p.start)}
            </text>
          </g>
        );
      })}
      {resolved && (
        <g>
          <line
            x1={x(resolved.start)}
            x2={x(resolved.start)}
            y1={BAND_Y - 4}
            y2={BAND_Y + BAND_H + 4}
            stroke={COLOURS.resolved}
            stroke-width="3"
          />
          <text
            x={Math.min(x(resolved.start) + 4, WIDTH - 120)}
            y={BAND_Y + BAND_H + 18}
            fill={COLOURS.resolved}
            font-size="11"
            font-weight="600"
          >
            {`Resolved ${formatAt(resolved.start)}`}
          </text>
        </g>
      )}
      {events.map((e) => (
        <line
          x1={x(e.occurredAt)}
          x2={x(e.occurredAt)}
          y1={BAND_Y + BAND_H + 26}
          y2={BAND_Y + BAND_H + 40}
          stroke="#57534e"
          stroke-width="1.5"
        >
          <title>{`${formatAt(e.occurredAt)}: ${readableText(e.text)}`}</title>
        </line>
      ))}
    </svg>
  );
}
