/**
 * The app's settings that say where webhooks go (GET/PATCH /app, reference §9): the legacy
 * `webhook_url` (with `webhook_events`, empty = all) and the `event_hooks` list. Other settings
 * are not modelled. Listeners hear every change, so a deliverer (app-webhooks.ts) can follow
 * the configuration the way Stream's delivery follows the dashboard.
 *
 * `event_hooks` is updated as Stream documents ("Multiple Event Hooks"): a hook whose id is
 * known is updated, one with a new id or none is created (the fake gives it an id), and a hook
 * left out of the list is deleted; with `explicit_event_hooks_deletion` a hook goes only when
 * it is sent with `delete: true`.
 */
import type { Custom } from './stream-records.ts';

export const HOOK_TYPES = ['webhook', 'sqs', 'sns', 'pending_message'] as const;

export interface EventHookInput {
  id?: string;
  hookType: string;
  enabled: boolean;
  /** Empty: every event. */
  eventTypes: string[];
  webhookUrl?: string;
  /** Fields the fake does not act on (sqs_*, sns_*, timeout_ms...), kept as sent. */
  custom: Custom;
  delete: boolean;
}

export interface EventHook extends Omit<EventHookInput, 'id' | 'delete'> {
  id: string;
  createdAt: number;
  updatedAt: number;
}

export interface AppSettingsPatch {
  /** '' disables the legacy webhook. */
  webhookUrl?: string;
  webhookEvents?: string[];
  eventHooks?: EventHookInput[];
  explicitDeletion: boolean;
}

/** A URL webhooks go to, with the event types it takes (empty: every event). */
export interface WebhookTarget {
  url: string;
  eventTypes: readonly string[];
}

/** Why `value` cannot be a webhook URL (absolute http or https), or undefined when it can. */
export function webhookUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a valid URL';
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : 'must be an http or https URL';
}

export class AppSettings {
  webhookUrl = '';
  webhookEvents: string[] = [];
  eventHooks: EventHook[] = [];
  readonly #now: () => number;
  readonly #newId: () => string;
  readonly #listeners: Array<() => void> = [];

  constructor(now: () => number, newId: () => string) {
    this.#now = now;
    this.#newId = newId;
  }

  onChange(listener: () => void): () => void {
    this.#listeners.push(listener);
    return () => {
      const at = this.#listeners.indexOf(listener);
      if (at >= 0) this.#listeners.splice(at, 1);
    };
  }

  update(patch: AppSettingsPatch): void {
    if (patch.webhookUrl !== undefined) this.webhookUrl = patch.webhookUrl;
    if (patch.webhookEvents !== undefined) this.webhookEvents = [...patch.webhookEvents];
    if (patch.eventHooks !== undefined) this.eventHooks = this.#mergeHooks(patch.eventHooks, patch.explicitDeletion);
    for (const listener of [...this.#listeners]) listener();
  }

  /** Where webhooks go now: the legacy URL and every enabled webhook hook. */
  webhookTargets(): WebhookTarget[] {
    const targets: WebhookTarget[] = [];
    if (this.webhookUrl !== '') targets.push({ url: this.webhookUrl, eventTypes: this.webhookEvents });
    for (const hook of this.eventHooks)
      if (hook.hookType === 'webhook' && hook.enabled && hook.webhookUrl)
        targets.push({ url: hook.webhookUrl, eventTypes: hook.eventTypes });
    return targets;
  }

  #mergeHooks(inputs: readonly EventHookInput[], explicitDeletion: boolean): EventHook[] {
    const now = this.#now();
    const before = new Map(this.eventHooks.map((hook) => [hook.id, hook]));
    const sent = new Set(inputs.map((hook) => hook.id).filter((id) => id !== undefined));
    // Explicit deletion keeps the hooks the request does not name; otherwise they go.
    const kept = explicitDeletion ? this.eventHooks.filter((hook) => !sent.has(hook.id)) : [];
    const merged = inputs
      .filter((input) => !input.delete)
      .map(({ id, delete: _, ...fields }): EventHook => {
        const existing = id === undefined ? undefined : before.get(id);
        return { ...fields, id: id ?? this.#newId(), createdAt: existing?.createdAt ?? now, updatedAt: now };
      });
    return [...kept, ...merged];
  }
}
