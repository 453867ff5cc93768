// One write the migration makes, as data: the dry-run prints these, the apply performs each one
// after checking it is still needed. Nothing else is ever written.
export type MigrationAction =
  | {
      /** Phase 1: create (or fix the team of) up to 100 users `gym_{g}_user_{u}` with team `gym_{g}`. */
      readonly kind: 'upsert-users';
      readonly gymId: number;
      readonly users: readonly { readonly id: string; readonly name: string | null }[];
    }
  | {
      /**
       * Phase 2: one request that adds the new ids and removes the legacy ones on the room's
       * EXISTING channel: same channel id, same messages, and Stream applies both lists at once, so
       * the room is never seen half-migrated and no second channel can ever exist.
       */
      readonly kind: 'migrate-room';
      readonly gymId: number;
      readonly roomId: number;
      readonly cid: string;
      readonly add: readonly string[];
      readonly remove: readonly string[];
      /**
       * The channel's members once migrated: the apply touches the room only when each of them
       * that is a `gym_{g}_user_{u}` exists in Stream with team `gym_{g}` (not only those it adds).
       */
      readonly members: readonly string[];
    };

/** A room the migration leaves alone, and why (the audit or the repair decides what it needs). */
export interface LeftRoom {
  readonly roomId: number;
  readonly channelId: string;
  readonly why: string;
}

export interface MigrationPlan {
  readonly gymId: number;
  readonly actions: readonly MigrationAction[];
  readonly left: readonly LeftRoom[];
}
