import { describe, expect, it, vi } from 'vitest';
import { choosePostgresKind } from './choose-postgres-kind.ts';
import { containerRuntimeHints, hasContainerRuntime } from './has-container-runtime.ts';

// Counts imports of testcontainers: the cheap pre-check must not pay its ~330 ms import.
const imports = vi.hoisted(() => ({ testcontainers: 0 }));
vi.mock('testcontainers', () => {
  imports.testcontainers++;
  return {
    getContainerRuntimeClient: () => Promise.reject(new Error('no runtime (mocked)')),
  };
});

const noRuntime = () => Promise.resolve({ available: false, reason: 'nothing here' });
const runtime = () => Promise.resolve({ available: true, reason: 'docker answers' });

describe('choosePostgresKind', () => {
  it('prefers DATABASE_URL, without probing for containers', async () => {
    const probe = vi.fn(runtime);
    const choice = await choosePostgresKind(undefined, { DATABASE_URL: 'postgres://x@h/db' }, probe);
    expect(choice.kind).toBe('url');
    expect(probe).not.toHaveBeenCalled();
  });

  it('takes a container runtime when one answers, else embedded, and says why', async () => {
    expect((await choosePostgresKind('auto', {}, runtime)).kind).toBe('testcontainers');
    const embedded = await choosePostgresKind('auto', {}, noRuntime);
    expect(embedded).toEqual({ kind: 'embedded', reason: 'no DATABASE_URL; no container runtime (nothing here)' });
  });

  it('SYNCSIM_POSTGRES forces a kind, and forcing one that cannot work is an error', async () => {
    expect(
      (
        await choosePostgresKind(
          undefined,
          { SYNCSIM_POSTGRES: 'embedded', DATABASE_URL: 'postgres://x@h/db' },
          runtime,
        )
      ).kind,
    ).toBe('embedded');
    await expect(choosePostgresKind(undefined, { SYNCSIM_POSTGRES: 'url' }, runtime)).rejects.toThrow(
      /DATABASE_URL is not set/,
    );
    await expect(choosePostgresKind(undefined, { SYNCSIM_POSTGRES: 'testcontainers' }, noRuntime)).rejects.toThrow(
      /no container runtime answers: nothing here/,
    );
    await expect(choosePostgresKind(undefined, { SYNCSIM_POSTGRES: 'docker' }, noRuntime)).rejects.toThrow(
      /SYNCSIM_POSTGRES=docker/,
    );
  });

  it('an explicit mode beats the environment', async () => {
    const choice = await choosePostgresKind(
      'embedded',
      { SYNCSIM_POSTGRES: 'url', DATABASE_URL: 'postgres://x@h/db' },
      runtime,
    );
    expect(choice.kind).toBe('embedded');
  });
});

describe('hasContainerRuntime', () => {
  it.runIf(containerRuntimeHints().length === 0)(
    'answers "no" without importing testcontainers when nothing hints at a runtime',
    async () => {
      const answer = await hasContainerRuntime();
      expect(answer.available).toBe(false);
      expect(answer.reason).toMatch(/no DOCKER_HOST, no docker socket/);
      expect(imports.testcontainers).toBe(0);
    },
  );

  it('with a hint (DOCKER_HOST) asks testcontainers, and reports why no runtime answered', async () => {
    vi.stubEnv('DOCKER_HOST', 'tcp://10.0.0.1:2375');
    expect(containerRuntimeHints()).toContain('DOCKER_HOST=tcp://10.0.0.1:2375');
    const answer = await hasContainerRuntime();
    expect(answer).toEqual({
      available: false,
      reason: expect.stringContaining('present but no runtime answers (no runtime (mocked))') as string,
    });
    expect(imports.testcontainers).toBe(1);
  });
});
