const counts = new Map<string, number>();
const orig = globalThis.setTimeout;
(globalThis as any).setTimeout = (fn: any, ms?: number, ...rest: any[]) => {
  const stack = (new Error().stack ?? '').split('\n').slice(2, 5).map((l) => l.trim().replace(/^at /, '').replace(/\(.*\/(wt-pchat2|node_modules)\//, '(')).join(' < ');
  const key = `${ms} ${stack}`;
  counts.set(key, (counts.get(key) ?? 0) + 1);
  return orig(fn, ms, ...rest);
};
process.on('exit', () => {
  for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(v, k.slice(0, 300));
});
await import('./tmp-chat-debug.ts');
