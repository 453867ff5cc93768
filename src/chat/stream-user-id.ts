// Stream user ids of the gym app. Legacy ids are `user_{u}`; the multi-tenant format is
// `gym_{g}_user_{u}` (incident B migrates the first to the second). Stream allows a-z, 0-9,
// `@`, `_` and `-` in user ids, so both formats are valid as they are.

export type StreamUserId =
  | { readonly kind: 'legacy'; readonly userId: number }
  | { readonly kind: 'tenant'; readonly gymId: number; readonly userId: number };

const legacyPattern = /^user_([1-9]\d*)$/;
const tenantPattern = /^gym_([1-9]\d*)_user_([1-9]\d*)$/;

function positive(text: string): number | undefined {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Parses either format; undefined for anything else (an id some other code made). */
export function parseStreamUserId(id: string): StreamUserId | undefined {
  const legacy = legacyPattern.exec(id);
  if (legacy) {
    const userId = positive(legacy[1]!);
    return userId === undefined ? undefined : { kind: 'legacy', userId };
  }
  const tenant = tenantPattern.exec(id);
  if (tenant) {
    const gymId = positive(tenant[1]!);
    const userId = positive(tenant[2]!);
    return gymId === undefined || userId === undefined ? undefined : { kind: 'tenant', gymId, userId };
  }
  return undefined;
}

export function formatStreamUserId(id: StreamUserId): string {
  return id.kind === 'legacy' ? `user_${id.userId}` : `gym_${id.gymId}_user_${id.userId}`;
}

/** The multi-tenant id of a user in a gym: what every new member and channel must use. */
export function tenantUserId(gymId: number, userId: number): string {
  return formatStreamUserId({ kind: 'tenant', gymId, userId });
}

/** The Stream team of a gym: a channel of gym g must carry team `gym_{g}`. */
export function gymTeam(gymId: number): string {
  return `gym_${gymId}`;
}

/** The gym a team names, or undefined when the team is not `gym_{g}`. */
export function parseGymTeam(team: string | undefined | null): number | undefined {
  const match = team ? /^gym_([1-9]\d*)$/.exec(team) : null;
  return match ? positive(match[1]!) : undefined;
}
