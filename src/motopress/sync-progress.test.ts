import { describe, expect, it } from 'vitest';
import { formatSse, type SyncProgress } from './sync-progress.ts';

describe('formatSse', () => {
  it('sends a progress event as `event: progress` with the JSON on one data line', () => {
    const event: SyncProgress = {
      step: 2,
      of: 2,
      phase: 'progress',
      message: 'Step 2/2: 1/3 bookings',
      counts: { done: 1 },
    };
    expect(formatSse(event)).toBe(`event: progress\ndata: ${JSON.stringify(event)}\n\n`);
  });

  it('sends a failed step as `event: error`', () => {
    const event: SyncProgress = { step: 1, of: 2, phase: 'failed', message: 'Step 1/2 failed: x' };
    expect(formatSse(event)).toBe(`event: error\ndata: ${JSON.stringify(event)}\n\n`);
  });
});
