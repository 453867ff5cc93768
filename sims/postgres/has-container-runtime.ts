// Testcontainers takes ~330 ms just to import and then probes a list of places; on a machine
// with no Docker that is pure start-up tax on every run. So look first, cheaply, at the same
// places testcontainers-node 11 looks (env, ~/.testcontainers.properties, the usual sockets),
// and only when one of them exists ask testcontainers whether a runtime really answers.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Places a container runtime could be announced; existence is a hint, not an answer. */
export function containerRuntimeHints(env: NodeJS.ProcessEnv = process.env): string[] {
  const hints: string[] = [];
  if (env['DOCKER_HOST']) hints.push(`DOCKER_HOST=${env['DOCKER_HOST']}`);
  if (env['TESTCONTAINERS_HOST_OVERRIDE']) hints.push('TESTCONTAINERS_HOST_OVERRIDE');
  if (process.platform === 'win32') hints.push('windows named pipe');
  const home = os.homedir();
  const candidates = [
    path.join(home, '.testcontainers.properties'),
    '/var/run/docker.sock',
    env['XDG_RUNTIME_DIR'] ? path.join(env['XDG_RUNTIME_DIR'], 'docker.sock') : undefined,
    path.join(home, '.docker', 'run', 'docker.sock'),
    path.join(home, '.docker', 'desktop', 'docker.sock'),
    process.platform === 'win32' ? undefined : `/run/user/${os.userInfo().uid}/docker.sock`,
  ];
  for (const candidate of candidates) {
    if (candidate !== undefined && existsSync(candidate)) hints.push(candidate);
  }
  return hints;
}

export interface ContainerRuntimeAnswer {
  readonly available: boolean;
  readonly reason: string;
}

/** Whether a container runtime answers; fast (no import, no network) when nothing hints at one. */
export async function hasContainerRuntime(): Promise<ContainerRuntimeAnswer> {
  const hints = containerRuntimeHints();
  if (hints.length === 0) {
    return { available: false, reason: 'no DOCKER_HOST, no docker socket, no ~/.testcontainers.properties' };
  }
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    const client = await getContainerRuntimeClient();
    return { available: true, reason: `container runtime answers at ${client.info.containerRuntime.host}` };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { available: false, reason: `${hints.join(', ')} present but no runtime answers (${message})` };
  }
}
