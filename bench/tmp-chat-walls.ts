import { HistoryRecorder } from '../sims/history/history.ts';
const log: Array<[number, string]> = [];
const origInvoke = HistoryRecorder.prototype.invoke;
const origComplete = HistoryRecorder.prototype.complete;
HistoryRecorder.prototype.invoke = function (this: HistoryRecorder, actor: string, system: any, operation: string, args?: unknown) {
  const i = origInvoke.call(this, actor, system, operation, args);
  log.push([performance.now(), `invoke#${i} ${actor} ${operation} ${JSON.stringify(args ?? '').slice(0, 160)}`]);
  return i;
};
HistoryRecorder.prototype.complete = function (this: HistoryRecorder, op: number, type: any, outcome: any) {
  log.push([performance.now(), `complete ${op} ${type} ${JSON.stringify(outcome ?? '').slice(0, 100)}`]);
  return origComplete.call(this, op, type, outcome);
};
(globalThis as any).__walls = log;
process.on('exit', () => {
  for (let i = 1; i < log.length; i++) if (log[i]![0] - log[i - 1]![0] > 500) for (let j = Math.max(0, i - 12); j <= i; j++) console.log('   ', log[j]![1]); if (log[i]![0] - log[i - 1]![0] > 500) console.log(Math.round(log[i]![0] - log[i - 1]![0]), 'ms before:', log[i]![1], '| after:', log[i - 1]![1]);
});
await import('./tmp-chat-debug.ts');
