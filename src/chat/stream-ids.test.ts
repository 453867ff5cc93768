import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalMembers,
  formatStreamChannelId,
  fullChannelId,
  type FullChannelId,
  maxChannelIdLength,
  parseStreamChannelId,
} from './stream-channel-id.ts';
import { formatStreamUserId, parseGymTeam, parseStreamUserId, type StreamUserId } from './stream-user-id.ts';

const id = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
const smallId = fc.integer({ min: 1, max: 99_999 });
const userId: fc.Arbitrary<StreamUserId> = fc.oneof(
  fc.record({ kind: fc.constant('legacy' as const), userId: id }),
  fc.record({ kind: fc.constant('tenant' as const), gymId: id, userId: id }),
);
const smallUserId: fc.Arbitrary<StreamUserId> = fc.oneof(
  fc.record({ kind: fc.constant('legacy' as const), userId: smallId }),
  fc.record({ kind: fc.constant('tenant' as const), gymId: smallId, userId: smallId }),
);
const nameChar = fc.constantFrom(...'abcXYZ019_-'.split(''));
const legacyName = fc
  .tuple(fc.array(nameChar, { maxLength: 30 }), fc.constantFrom('a', 'Z', '-'), fc.array(nameChar, { maxLength: 30 }))
  .map(([before, must, after]) => [...before, must, ...after].join(''));
const channelId = (users: fc.Arbitrary<StreamUserId>): fc.Arbitrary<FullChannelId> =>
  fc.oneof(
    fc.tuple(users, users).map(([a, b]) => ({ kind: 'direct' as const, members: [a, b] as const })),
    fc.record({ kind: fc.constant('legacy-room' as const), name: legacyName, number: id }),
    fc.record({ kind: fc.constant('room' as const), gymId: id, roomId: id }),
    fc.record({
      kind: fc.constant('event' as const),
      eventId: id,
      suffix: fc.stringMatching(/^[A-Za-z0-9-]{1,40}$/),
    }),
  );

describe('Stream user ids', () => {
  it('round-trip both formats', () => {
    fc.assert(
      fc.property(userId, (user) => {
        expect(parseStreamUserId(formatStreamUserId(user))).toEqual(user);
      }),
    );
  });

  it('the report ids parse as themselves', () => {
    expect(parseStreamUserId('user_10')).toEqual({ kind: 'legacy', userId: 10 });
    expect(parseStreamUserId('gym_4_user_10')).toEqual({ kind: 'tenant', gymId: 4, userId: 10 });
    for (const other of ['user_0', 'user_01', 'gym_4_user_', 'User_1', 'gym_x_user_1', 'user_99999999999999999999']) {
      expect(parseStreamUserId(other), other).toBeUndefined();
    }
    expect(parseGymTeam('gym_5')).toBe(5);
    expect(parseGymTeam('gym_05')).toBeUndefined();
    expect(parseGymTeam(undefined)).toBeUndefined();
  });
});

describe('Stream channel ids', () => {
  it('format within Stream limits, and parse back whenever the full form fits', () => {
    fc.assert(
      fc.property(channelId(userId), (channel) => {
        const text = formatStreamChannelId(channel);
        expect(text.length).toBeLessThanOrEqual(maxChannelIdLength);
        expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
        const parsed = parseStreamChannelId(text);
        expect(parsed).toBeDefined();
        expect(formatStreamChannelId(parsed!)).toBe(text);
        if (parsed!.kind !== 'hashed') {
          const expected =
            channel.kind === 'direct' ? { ...channel, members: canonicalMembers(...channel.members) } : channel;
          expect(parsed).toEqual(expected);
        }
      }),
    );
  });

  it('small ids always fit in full', () => {
    fc.assert(
      fc.property(channelId(smallUserId), (channel) => {
        fc.pre(channel.kind !== 'legacy-room' && (channel.kind !== 'event' || channel.suffix.length <= 20));
        expect(parseStreamChannelId(formatStreamChannelId(channel))?.kind).toBe(channel.kind);
      }),
    );
  });

  it('different long ids never share a short form (no truncation collisions)', () => {
    fc.assert(
      fc.property(channelId(userId), channelId(userId), (a, b) => {
        fc.pre(fullChannelId(a) !== fullChannelId(b));
        expect(formatStreamChannelId(a)).not.toBe(formatStreamChannelId(b));
      }),
    );
    // Two ids that differ only past character 64 keep different short forms.
    const long = (tail: string): FullChannelId => ({ kind: 'event', eventId: 1, suffix: `${'a'.repeat(70)}${tail}` });
    expect(formatStreamChannelId(long('x'))).not.toBe(formatStreamChannelId(long('y')));
    expect(formatStreamChannelId(long('x'))).toMatch(/^event_h_[0-9a-f]{32}$/);
  });

  it('both members name the same direct channel', () => {
    fc.assert(
      fc.property(userId, userId, (a, b) => {
        expect(formatStreamChannelId({ kind: 'direct', members: [a, b] })).toBe(
          formatStreamChannelId({ kind: 'direct', members: [b, a] }),
        );
      }),
    );
    expect(
      formatStreamChannelId({
        kind: 'direct',
        members: [
          { kind: 'tenant', gymId: 4, userId: 11 },
          { kind: 'tenant', gymId: 4, userId: 10 },
        ],
      }),
    ).toBe('direct_gym_4_user_10_gym_4_user_11');
    // The other order is not this app's id.
    expect(parseStreamChannelId('direct_user_11_user_10')).toBeUndefined();
  });

  it("the incidents' ids parse as what they are", () => {
    expect(parseStreamChannelId('room_General_4')).toEqual({ kind: 'legacy-room', name: 'General', number: 4 });
    expect(parseStreamChannelId('room_General_10')).toEqual({ kind: 'legacy-room', name: 'General', number: 10 });
    expect(parseStreamChannelId('room_4_639')).toEqual({ kind: 'room', gymId: 4, roomId: 639 });
    expect(parseStreamChannelId('event_644_d3d94468')).toEqual({ kind: 'event', eventId: 644, suffix: 'd3d94468' });
    expect(parseStreamChannelId('direct_user_10_user_11')?.kind).toBe('direct');
    expect(parseStreamChannelId('room_Yoga_Class_7')).toEqual({ kind: 'legacy-room', name: 'Yoga_Class', number: 7 });
    for (const other of ['general', 'room_4', 'event_644', 'room_1_2_3', `room_${'a'.repeat(70)}_1`, 'room_a b_1']) {
      expect(parseStreamChannelId(other), other).toBeUndefined();
    }
  });

  it('refuses to format what Stream would refuse', () => {
    expect(() => formatStreamChannelId({ kind: 'legacy-room', name: 'a b', number: 1 })).toThrow(
      /needs a letter|refuses/,
    );
    expect(() => formatStreamChannelId({ kind: 'legacy-room', name: '1_2', number: 3 })).toThrow(/needs a letter/);
    expect(() => formatStreamChannelId({ kind: 'event', eventId: 1, suffix: 'a_b' })).toThrow(/suffix/);
  });
});
