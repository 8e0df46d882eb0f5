import type { HealthReport } from '../../shared/report.js';
import { renderExposition, type ExpositionOptions } from './exposition.js';

/** The latest report's exposition, rendered once per report: a scrape only copies text out. */
export interface MetricsExporter {
  update(report: HealthReport): void;
  text(): Promise<string>;
}

export function createExporter(options: ExpositionOptions): MetricsExporter {
  let current = renderExposition(null, options);
  return {
    update(report) {
      const next = renderExposition(report, options);
      // A render that fails keeps serving the previous text rather than an error page.
      current = next.catch(() => current);
    },
    text: () => current,
  };
}
