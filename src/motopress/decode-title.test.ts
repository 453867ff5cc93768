/**
 * decodeTitle: the WordPress-filtered title the REST API sends -> what the guest chat shows.
 * Numeric, hex and named entities are decoded once; a "Private: " prefix is dropped; anything
 * that is not a known entity is left as sent. The round trip through the fake's own filter is in
 * scenarios/properties/motopress/decode-title-from-fake.test.ts: src/ tests may not import fakes/.
 */
import { describe, expect, it } from 'vitest';
import { decodeTitle } from './decode-title.ts';

describe('decodeTitle', () => {
  it('leaves a plain title alone', () => {
    expect(decodeTitle('Room 101', 'publish')).toBe('Room 101');
    expect(decodeTitle('', 'publish')).toBe('');
  });

  it('decodes decimal entities', () => {
    expect(decodeTitle('Sea View &#8211; Upper Floor', 'publish')).toBe('Sea View \u2013 Upper Floor');
    expect(decodeTitle('Owner&#8217;s Suite', 'publish')).toBe('Owner\u2019s Suite');
    expect(decodeTitle('Caf&#233; &#038; Bar', 'publish')).toBe('Caf\u00e9 & Bar');
    expect(decodeTitle('Palm &#128052;', 'publish')).toBe('Palm \u{1F434}');
  });

  it('decodes hex entities, either case of x and digits', () => {
    expect(decodeTitle('Owner&#x2019;s', 'publish')).toBe('Owner\u2019s');
    expect(decodeTitle('Owner&#X2019;s', 'publish')).toBe('Owner\u2019s');
    expect(decodeTitle('A&#x2013;B&#x2d;C', 'publish')).toBe('A\u2013B-C');
    expect(decodeTitle('&#x1F3D6;', 'publish')).toBe('\u{1F3D6}');
  });

  it('decodes the named entities WordPress emits', () => {
    expect(decodeTitle('Tom &amp; Jerry', 'publish')).toBe('Tom & Jerry');
    expect(decodeTitle('&lt;b&gt;Loft&lt;/b&gt;', 'publish')).toBe('<b>Loft</b>');
    expect(decodeTitle('&quot;Blue&quot; &apos;Room&apos;', 'publish')).toBe('"Blue" \'Room\'');
    expect(decodeTitle('Room&nbsp;7', 'publish')).toBe('Room\u00a07');
    expect(decodeTitle('A &ndash; B &mdash; C&hellip;', 'publish')).toBe('A \u2013 B \u2014 C\u2026');
    expect(decodeTitle('&lsquo;x&rsquo; &ldquo;y&rdquo;', 'publish')).toBe('\u2018x\u2019 \u201cy\u201d');
    expect(decodeTitle('Tom &AMP; Jerry', 'publish')).toBe('Tom & Jerry');
  });

  it('decodes once: an escaped entity stays an entity', () => {
    expect(decodeTitle('&amp;#8211;', 'publish')).toBe('&#8211;');
    expect(decodeTitle('&amp;amp;', 'publish')).toBe('&amp;');
  });

  it('leaves unknown or impossible entities as sent', () => {
    expect(decodeTitle('Tom &foo; Jerry', 'publish')).toBe('Tom &foo; Jerry');
    expect(decodeTitle('&eacute;t&eacute;', 'publish')).toBe('&eacute;t&eacute;');
    expect(decodeTitle('&#0;', 'publish')).toBe('&#0;');
    expect(decodeTitle('&#1114112;', 'publish')).toBe('&#1114112;');
    expect(decodeTitle('&#x110000;', 'publish')).toBe('&#x110000;');
    expect(decodeTitle('&#xZZ;', 'publish')).toBe('&#xZZ;');
    expect(decodeTitle('AT&T', 'publish')).toBe('AT&T');
    expect(decodeTitle('R&B; Soul', 'publish')).toBe('R&B; Soul');
    expect(decodeTitle('& ;', 'publish')).toBe('& ;');
  });

  it('drops the "Private: " prefix of a private post, only at the start', () => {
    expect(decodeTitle('Private: Staff Room', 'private')).toBe('Staff Room');
    expect(decodeTitle('Private: Owner&#8217;s Suite', 'private')).toBe('Owner\u2019s Suite');
    expect(decodeTitle('The Private: Room', 'private')).toBe('The Private: Room');
    expect(decodeTitle('Private:Room', 'private')).toBe('Private:Room');
    expect(decodeTitle('private: Room', 'private')).toBe('private: Room');
    // Only one prefix is WordPress's; a second one is part of the title.
    expect(decodeTitle('Private: Private: Room', 'private')).toBe('Private: Room');
  });

  it('keeps "Private: " in the name of a published post', () => {
    expect(decodeTitle('Private: Dining Room', 'publish')).toBe('Private: Dining Room');
  });
});
