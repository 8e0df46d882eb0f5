/**
 * Reads Atlassian Statuspage's `/api/v2/summary.json` (what status.claude.com serves) and decides
 * what it means for Claude Code. Pure: text in, verdict out, never throws. Only the components a
 * Claude Code user depends on count; an outage of anything else is not this machine's problem.
 */

/** The four parts of Anthropic's service Claude Code needs, under the names the report uses. */
export type ClaudeArea = 'claude.ai' | 'Claude API' | 'Claude Code' | 'Claude Console';

export type ComponentStatus = 'operational' | 'degraded_performance' | 'partial_outage' | 'major_outage' | 'under_maintenance';

export interface StatusComponent {
  readonly id: string;
  readonly name: string;
  /** As served; an unfamiliar value is kept and treated as operational. */
  readonly status: string;
  readonly groupId: string | null;
  readonly isGroup: boolean;
}

export interface StatusIncident {
  readonly id: string;
  readonly name: string;
  /** investigating | identified | monitoring | resolved | postmortem (maintenances: scheduled | in_progress | verifying | completed). */
  readonly status: string;
  /** none | minor | major | critical | maintenance */
  readonly impact: string;
  readonly shortlink: string | null;
  /** Names of the components the incident lists, from `components` and every update's `affected_components`. */
  readonly componentNames: readonly string[];
  readonly componentIds: readonly string[];
  readonly maintenance: boolean;
}

export interface StatusSummary {
  /** none | minor | major | critical | maintenance */
  readonly indicator: string;
  readonly description: string;
  readonly pageUpdatedAt: string | null;
  readonly components: readonly StatusComponent[];
  /** Incidents and scheduled maintenances, as served (resolved ones included). */
  readonly incidents: readonly StatusIncident[];
}

export type ParseResult = { readonly kind: 'ok'; readonly summary: StatusSummary } | { readonly kind: 'invalid'; readonly problem: string };

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

const AREA_PATTERNS: readonly (readonly [ClaudeArea, RegExp])[] = [
  ['Claude Code', /\bclaude[\s-]*code\b/i],
  ['Claude Console', /^(claude |anthropic )?console\b|console\.anthropic\.com|platform\.claude\.com/i],
  ['Claude API', /^(claude |anthropic )?api\b|api\.anthropic\.com/i],
  ['claude.ai', /\bclaude\.ai\b|^claude(\s+(web|app|apps))?$/i],
];

/** Which Claude area a component name refers to, tolerating Anthropic's renames; null when unrelated. */
export function claudeArea(name: string): ClaudeArea | null {
  for (const [area, pattern] of AREA_PATTERNS) if (pattern.test(name.trim())) return area;
  return null;
}

const RESOLVED = new Set(['resolved', 'postmortem', 'completed', 'scheduled']);
const COMPONENT_LEVEL: Readonly<Record<string, Level>> = {
  degraded_performance: 'warn',
  partial_outage: 'warn',
  under_maintenance: 'warn',
  major_outage: 'fail',
};

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

class ShapeError {
  constructor(readonly problem: string) {}
}

function need(object: Json, key: string, where: string): string {
  const value = object[key];
  if (typeof value === 'string') return value;
  throw new ShapeError(`${where}.${key} is ${value === undefined ? 'missing' : 'not a string'}`);
}

function readComponent(raw: unknown, where: string): StatusComponent {
  if (!isObject(raw)) throw new ShapeError(`${where} is not an object`);
  return {
    id: str(raw['id']) ?? '',
    name: need(raw, 'name', where),
    status: need(raw, 'status', where),
    groupId: str(raw['group_id']),
    isGroup: raw['group'] === true,
  };
}

function readIncident(raw: unknown, where: string, maintenance: boolean): StatusIncident {
  if (!isObject(raw)) throw new ShapeError(`${where} is not an object`);
  const names = new Set<string>();
  const ids = new Set<string>();
  const components = Array.isArray(raw['components']) ? raw['components'] : [];
  for (const component of components) {
    if (!isObject(component)) continue;
    const name = str(component['name']);
    const id = str(component['id']);
    if (name) names.add(name);
    if (id) ids.add(id);
  }
  const updates = Array.isArray(raw['incident_updates']) ? raw['incident_updates'] : [];
  for (const update of updates) {
    if (!isObject(update) || !Array.isArray(update['affected_components'])) continue;
    for (const affected of update['affected_components']) {
      const name = isObject(affected) ? str(affected['name']) : null;
      if (name) names.add(name);
    }
  }
  return {
    id: str(raw['id']) ?? '',
    name: need(raw, 'name', where),
    status: need(raw, 'status', where),
    impact: str(raw['impact']) ?? (maintenance ? 'maintenance' : 'none'),
    shortlink: str(raw['shortlink']),
    componentNames: [...names],
    componentIds: [...ids],
    maintenance,
  };
}

function readList<T>(root: Json, key: string, required: boolean, read: (raw: unknown, where: string) => T): T[] {
  const value = root[key];
  if (value === undefined && !required) return [];
  if (!Array.isArray(value)) throw new ShapeError(`"${key}" is ${value === undefined ? 'missing' : 'not a list'}`);
  return value.map((item, index) => read(item, `${key}[${index}]`));
}

/** Validates and narrows summary.json. A wrong shape names the first field that is off. */
export function parseStatusSummary(text: string): ParseResult {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { kind: 'invalid', problem: `the answer is not JSON (${detail.slice(0, 120)})` };
  }
  if (!isObject(root)) return { kind: 'invalid', problem: 'the answer is JSON but not an object' };
  try {
    const status = root['status'];
    if (!isObject(status)) throw new ShapeError('"status" is missing');
    const page = isObject(root['page']) ? root['page'] : {};
    return {
      kind: 'ok',
      summary: {
        indicator: need(status, 'indicator', 'status'),
        description: str(status['description']) ?? '',
        pageUpdatedAt: str(page['updated_at']),
        components: readList(root, 'components', true, readComponent),
        incidents: [
          ...readList(root, 'incidents', true, (raw, where) => readIncident(raw, where, false)),
          ...readList(root, 'scheduled_maintenances', false, (raw, where) => readIncident(raw, where, true)),
        ],
      },
    };
  } catch (error) {
    if (error instanceof ShapeError) return { kind: 'invalid', problem: `it is not a Statuspage summary: ${error.problem}` };
    return { kind: 'invalid', problem: `it could not be read (${String(error).slice(0, 120)})` };
  }
}

/** A component's area, inheriting its group's when its own name is not telling ("API" under "Claude Code"). */
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
