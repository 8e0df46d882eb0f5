import { readFileSync, readdirSync } from 'node:fs';
const dir = process.argv[2];
const p = JSON.parse(readFileSync(dir + '/' + readdirSync(dir)[0], 'utf8'));
const byId = new Map(p.nodes.map(n => [n.id, n]));
const self = new Map();
const dt = p.timeDeltas; let total = 0;
p.samples.forEach((id, i) => { self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0)); total += dt[i] ?? 0; });
// aggregate self time by url
const byUrl = new Map();
for (const [id, t] of self) { const n = byId.get(id); const k = (n.callFrame.url || '(' + n.callFrame.functionName + ')').replace(/.*\/dist\//, 'dist/'); byUrl.set(k, (byUrl.get(k) ?? 0) + t); }
console.log('total ms', (total / 1000).toFixed(1), 'start->end', ((p.endTime - p.startTime) / 1000).toFixed(1));
for (const [k, t] of [...byUrl].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((t / 1000).toFixed(1).padStart(7), k);
