// Where a CPU profile (`node --cpu-prof`) spends its time: self time by function and by package.
//   node --import tsx bench/cpu-profile-summary.ts <file.cpuprofile> [top=25] [lastSeconds]
// With lastSeconds, only the samples of the profile's last seconds count (the scenario that ran last).
import fs from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

const [file, topArg, lastArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: cpu-profile-summary.ts <file.cpuprofile> [top]');
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const top = Number(topArg ?? 25);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
const span = profile.timeDeltas.reduce((a, b) => a + b, 0);
const from = lastArg ? span - Number(lastArg) * 1e6 : -Infinity;
let at = 0;
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i] ?? 0;
  if (at >= from) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);

/** node_modules/<package>, packages/<name>, node:<builtin>, or a V8/native bucket. */
function area(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const modules = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (modules) return modules[1];
  const pkg = url.match(/packages\/([^/]+)\/src\/(.+)$/);
  if (pkg) return `${pkg[1]}/${pkg[2]}`;
  return url.startsWith('node:') ? url : url.replace(/^.*\//, '');
}

const functions = new Map<string, number>();
const areas = new Map<string, number>();
for (const [id, time] of self) {
  const { callFrame } = byId.get(id)!;
  const where = area(callFrame.url, callFrame.functionName);
  const name = `${callFrame.functionName || '(anonymous)'}  ${where}:${callFrame.lineNumber + 1}`;
  functions.set(name, (functions.get(name) ?? 0) + time);
  areas.set(where, (areas.get(where) ?? 0) + time);
}
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, time] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * time) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
};
// Total time: a function's own time plus that of everything it called, counted once per stack.
const inclusive = new Map<string, number>();
for (const [id, time] of self) {
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const { callFrame } = byId.get(at)!;
    const name = `${callFrame.functionName || '(anonymous)'}  ${area(callFrame.url, callFrame.functionName)}:${callFrame.lineNumber + 1}`;
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + time);
  }
}
console.log(`${file}: ${(total / 1e6).toFixed(1)} s of samples`);
print('self time by area', areas);
print('self time by function', functions);
print('total time (with callees) by function', inclusive);
