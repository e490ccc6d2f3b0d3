import { build } from 'esbuild';
const [entry, target] = process.argv.slice(2);
const r = await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', minify: true, write: false, metafile: true, mainFields: ['module','main'], outfile: '/tmp/x.mjs', logLevel: 'silent' });
const inputs = r.metafile.inputs;
const parents = (t) => Object.entries(inputs).filter(([k, v]) => v.imports.some((i) => i.path === t)).map(([k]) => k);
// BFS from target up to entry
let frontier = Object.keys(inputs).filter((k) => k.includes(target)).slice(0,1);
const seen = new Set(frontier); const chain = {};
while (frontier.length) { const next = []; for (const f of frontier) for (const p of parents(f)) if (!seen.has(p)) { seen.add(p); chain[p] = f; next.push(p); } frontier = next; }
let cur = Object.keys(inputs).find((k) => k.startsWith('functions/'));
const path = [cur]; while (chain[cur]) { cur = chain[cur]; path.push(cur); }
console.log(path.join('\n  -> '));
