/**
 * What Statuspage's summary means for Claude Code. Only the components a Claude Code user depends
 * on count; an outage of anything else is not this machine's problem. Pure.
 */
import { claudeArea, type ClaudeArea, type StatusComponent, type StatusIncident, type StatusSummary } from './status-page-parse.js';

export type Level = 'ok' | 'warn' | 'fail';

export interface AffectedComponent {
  readonly name: string;
  readonly area: ClaudeArea;
  readonly status: string;
}

export interface OpenIncident {
  readonly name: string;
  readonly status: string;
  readonly impact: string;
  readonly shortlink: string | null;
  /** The Claude areas it names; empty when the incident lists no components at all. */
  readonly areas: readonly ClaudeArea[];
  readonly level: Level;
}

export interface StatusAssessment {
  readonly level: Level;
  readonly summary: string;
  readonly cause: string | null;
  /** Relevant components that are not operational. */
  readonly affected: readonly AffectedComponent[];
  /** Open incidents that concern Claude Code (or name no component), worst first. */
  readonly incidents: readonly OpenIncident[];
}

const RESOLVED = new Set(['resolved', 'postmortem', 'completed', 'scheduled']);
const COMPONENT_LEVEL: Readonly<Record<string, Level>> = {
  degraded_performance: 'warn',
  partial_outage: 'warn',
  under_maintenance: 'warn',
  major_outage: 'fail',
};

function areaOf(component: StatusComponent, byId: ReadonlyMap<string, StatusComponent>): ClaudeArea | null {
  const own = claudeArea(component.name);
  if (own) return own;
  const group = component.groupId ? byId.get(component.groupId) : undefined;
  return group ? claudeArea(group.name) : null;
}

function incidentLevel(incident: StatusIncident): Level {
  if (incident.maintenance) return 'warn';
  if ((incident.impact === 'major' || incident.impact === 'critical') && incident.status !== 'monitoring') return 'fail';
  return 'warn';
}

const RANK: Readonly<Record<Level, number>> = { ok: 0, warn: 1, fail: 2 };
const worst = (a: Level, b: Level): Level => (RANK[b] > RANK[a] ? b : a);

function words(status: string): string {
  return status.replace(/_/g, ' ');
}

function listAreas(areas: readonly ClaudeArea[]): string {
  return areas.length > 0 ? areas.join(', ') : 'no component named';
}

function describeIncident(incident: OpenIncident): string {
  const link = incident.shortlink ? `; details: ${incident.shortlink}` : '';
  return `"${incident.name}" (impact ${incident.impact}, ${words(incident.status)}; ${listAreas(incident.areas)})${link}`;
}

/** The verdict for Claude Code: fail on a major outage of what it needs, warn on anything milder. */
export function assessStatus(summary: StatusSummary): StatusAssessment {
  const byId = new Map(summary.components.filter((c) => c.id).map((c) => [c.id, c] as const));
  const areaById = new Map<string, ClaudeArea>();
  const affected: AffectedComponent[] = [];
  let level: Level = 'ok';
  for (const component of summary.components) {
    const area = areaOf(component, byId);
    if (!area) continue;
    if (component.id) areaById.set(component.id, area);
    const componentLevel = COMPONENT_LEVEL[component.status];
    if (!componentLevel) continue;
    affected.push({ name: component.name, area, status: component.status });
    level = worst(level, componentLevel);
  }

  const incidents: OpenIncident[] = [];
  const unscoped: StatusIncident[] = [];
  for (const incident of summary.incidents) {
    if (RESOLVED.has(incident.status)) continue;
    const listed = incident.componentNames.length > 0 || incident.componentIds.length > 0;
    const areas = new Set<ClaudeArea>();
    for (const id of incident.componentIds) {
      const area = areaById.get(id);
      if (area) areas.add(area);
    }
    for (const name of incident.componentNames) {
      const area = claudeArea(name);
      if (area) areas.add(area);
    }
    const base = {
      name: incident.name,
      status: incident.status,
      impact: incident.impact,
      shortlink: incident.shortlink,
      areas: [...areas],
    };
    if (areas.size > 0) {
      incidents.push({ ...base, level: incidentLevel(incident) });
    } else if (!listed) {
      // The page is Claude's own: an incident naming no component may well be ours. A major one is worth a warning.
      const serious = incident.impact === 'major' || incident.impact === 'critical';
      incidents.push({ ...base, level: serious ? 'warn' : 'ok' });
      unscoped.push(incident);
    }
  }
  incidents.sort((a, b) => RANK[b.level] - RANK[a.level]);
  for (const incident of incidents) level = worst(level, incident.level);

  const notable = incidents.filter((i) => i.level !== 'ok');
  const top = notable[0];
  if (level === 'ok') {
    const note = incidents[0] ? `; open notice without listed components: "${incidents[0].name}"` : '';
    return { level, summary: `All Claude systems operational${note}`, cause: null, affected, incidents };
  }
  const componentText = affected.map((c) => `${c.name}: ${words(c.status)}`).join(', ');
  const parts: string[] = [];
  if (notable.length > 0) parts.push(`Anthropic reports ${notable.map(describeIncident).join('; ')}.`);
  if (componentText) parts.push(`The status page lists ${componentText}.`);
  parts.push('Nothing on this machine can fix that; wait for Anthropic to resolve it before changing your setup.');
  const onlyMaintenance =
    notable.length > 0 && notable.every((i) => i.impact === 'maintenance') && affected.every((c) => c.status === 'under_maintenance');
  const lead = level === 'fail' ? 'Claude outage' : onlyMaintenance ? 'Claude maintenance' : 'Claude service degraded';
  const more = notable.length > 1 ? ` (+${notable.length - 1} more)` : '';
  return {
    level,
    summary: top ? `${lead}: ${top.name}${more}` : `${lead}: ${componentText}`,
    cause: parts.join(' '),
    affected,
    incidents,
  };
}
