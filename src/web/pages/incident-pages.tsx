/** /incidents and /incidents/:id: the workspace's incidents, and one incident's story. */
import { formatDuration } from "../../incidents/duration";
import { holderOf, type Incident, type IncidentEvent, parseEventData } from "../../incidents/incident";
import { incidentRef, ROLE_LABELS, ROLES, STATUS_LABELS } from "../../incidents/model";
import type { Phase } from "../../incidents/phases";
import { readableText } from "../../incidents/readable-text";
import { formatTime } from "../format-time";
import { Layout, type LayoutProps } from "../layout";
import { PhaseChart } from "../phase-chart";

type User = NonNullable<LayoutProps["user"]>;
type Names = (id: string | null | undefined) => string;

const sevClass = (s: string) => `badge ${s.toLowerCase()}`;
const statusLabel = (s: string) => STATUS_LABELS[s as keyof typeof STATUS_LABELS] ?? s;

export function IncidentListPage({
  user,
  incidents,
  name,
  tz,
  now,
  command,
}: {
  user: User;
  incidents: Incident[];
  name: Names;
  tz?: string;
  now: number;
  command: string;
}) {
  return (
    <Layout title="Incidents" user={user}>
      <h1>Incidents</h1>
      <p class="lede">Open incidents first, worst first; then the most recent. Times are {tz ?? "UTC"}.</p>
      {incidents.length === 0 ? (
        <section class="card">
          <p>
            No incidents yet. Declare one in Slack with <code>{command} declare</code>.
          </p>
        </section>
      ) : (
        <section class="card">
          <table>
            <caption class="muted" style="text-align:left;margin-bottom:.5rem">
              {incidents.length} incidents
            </caption>
            <thead>
              <tr>
                <th scope="col">Incident</th>
                <th scope="col">Severity</th>
                <th scope="col">Status</th>
                <th scope="col">Commander</th>
                <th scope="col">Duration</th>
              </tr>
            </thead>
            <tbody>
              {incidents.map((i) => (
                <tr>
                  <td>
                    <a href={`/incidents/${i.id}`}>{incidentRef(i.number)}</a> {i.isPrivate ? "🔒 " : ""}
                    {readableText(i.title)}
                    <div class="hint">Declared {formatTime(i.declaredAt, tz)}</div>
                  </td>
                  <td>
                    <span class={sevClass(i.severity)}>{i.severity}</span>
                  </td>
                  <td>{statusLabel(i.status)}</td>
                  <td>{name(i.commanderId)}</td>
                  <td>
                    {formatDuration((i.resolvedAt ?? now) - i.declaredAt)}
                    {i.resolvedAt ? "" : " so far"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </Layout>
  );
}

export interface IncidentPageProps {
  user: User;
  incident: Incident;
  events: IncidentEvent[];
  phases: Phase[];
  name: Names;
  tz?: string;
  now: number;
  /** The postmortem draft: stored (written on resolve or on request), or written from the timeline now. */
  postmortem: { markdown: string; stored: boolean };
}

function entryText(e: IncidentEvent, name: Names): string {
  const data = parseEventData(e);
  if (e.kind === "role" && data.role) return `${ROLE_LABELS[data.role]}: ${name(data.to)}`;
  const text = readableText(e.text, name);
  return data.source ? `${name(data.source.authorId)}: ${text}` : text;
}

export function IncidentPage({ user, incident, events, phases, name, tz, now, postmortem }: IncidentPageProps) {
  const end = incident.resolvedAt ?? now;
  const at = (ms: number) => formatTime(ms, tz);
  return (
    <Layout title={`${incidentRef(incident.number)} ${readableText(incident.title)}`} user={user}>
      <nav class="breadcrumbs" aria-label="Breadcrumb">
        <a href="/incidents">Incidents</a> › {incidentRef(incident.number)}
      </nav>
      <h1>
        {incidentRef(incident.number)} · {readableText(incident.title)}
      </h1>
      <p class="lede">
        <span class={sevClass(incident.severity)}>{incident.severity}</span> {statusLabel(incident.status)} ·{" "}
        {incident.resolvedAt
          ? `resolved after ${formatDuration(end - incident.declaredAt)}`
          : `open for ${formatDuration(end - incident.declaredAt)}`}
        {incident.channelName && ` · #${incident.channelName}`}
      </p>
      <section class="card" aria-labelledby="phases">
        <h2 id="phases">Phases</h2>
        <PhaseChart phases={phases} events={events} end={end} formatAt={at} />
      </section>
      <div class="grid">
        <section class="card" aria-labelledby="facts">
          <h2 id="facts">Details</h2>
          <dl class="facts">
            <dt>Declared</dt>
            <dd>
              {at(incident.declaredAt)} by {name(incident.declaredBy)}
            </dd>
            {incident.resolvedAt && (
              <>
                <dt>Resolved</dt>
                <dd>{at(incident.resolvedAt)}</dd>
              </>
            )}
            <dt>Summary</dt>
            <dd>{readableText(incident.summary, name) || <span class="muted">none</span>}</dd>
            {incident.resolution && (
              <>
                <dt>Resolution</dt>
                <dd>{readableText(incident.resolution, name)}</dd>
              </>
            )}
          </dl>
        </section>
        <section class="card" aria-labelledby="roles">
          <h2 id="roles">Roles</h2>
          <dl class="facts">
            {ROLES.map((r) => (
              <>
                <dt>{ROLE_LABELS[r]}</dt>
                <dd>{name(holderOf(incident, r))}</dd>
              </>
            ))}
          </dl>
          <p class="actions">
            <a class="button" href={`/incidents/${incident.id}/postmortem.md`}>
              {postmortem.stored ? "Download the postmortem draft (Markdown)" : "Download the draft so far (Markdown)"}
            </a>
          </p>
        </section>
      </div>
      <section class="card" aria-labelledby="timeline">
        <h2 id="timeline">Timeline</h2>
        <ol class="timeline">
          {events.map((e) => (
            <li>
              <time datetime={new Date(e.occurredAt).toISOString()}>{at(e.occurredAt)}</time>
              {entryText(e, name)}
              {e.actorId && e.kind !== "note" && <span class="muted"> · {name(e.actorId)}</span>}
            </li>
          ))}
        </ol>
      </section>
      <section class="card" aria-labelledby="postmortem">
        <h2 id="postmortem">{postmortem.stored ? "Postmortem draft" : "Postmortem draft so far"}</h2>
        <pre class="markdown">{postmortem.markdown}</pre>
      </section>
    </Layout>
  );
}
