// The wizard page's entry point. The wizard itself lands with the fix engine; until then the page
// renders the overall state it is given through the preload bridge.
interface Bridge {
  getReport(): Promise<{ overall: string; checks: readonly { id: string; status: string; summary: string }[] } | null>;
}

const bridge = (globalThis as unknown as { doctor?: Bridge }).doctor;

async function render(root: HTMLElement): Promise<void> {
  const report = bridge ? await bridge.getReport() : null;
  root.replaceChildren();
  const heading = document.createElement('h1');
  heading.textContent = report ? `Claude Code sign-in: ${report.overall}` : 'Checking…';
  root.append(heading);
}

const root = document.getElementById('app');
if (root) void render(root);
