/**
 * Reads Atlassian Statuspage's `/api/v2/summary.json` (what status.claude.com serves). Pure: text
 * in, a typed summary or the reason it is unusable out, never throws. What the summary means for
 * Claude Code is decided in status-page-assess.ts.
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
