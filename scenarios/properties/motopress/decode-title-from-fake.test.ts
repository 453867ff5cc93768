/**
 * decodeTitle on what the MotoPress fake really sends: the fake's own filter (get_the_title:
 * wptexturize/convert_chars) and back, so the decoder and the fake cannot drift apart. It lives
 * here because it runs src/ and fakes/ together, which only the scenarios layer may.
 */
import { describe, expect, it } from 'vitest';
import { filteredTitle } from 'syncsim/fakes/motopress';
import { decodeTitle } from '../../../src/motopress/decode-title.ts';

describe('decodeTitle', () => {
  it('decodes what the fake sends for "Owner\'s Suite - Annex 9"', () => {
    const published = filteredTitle("Owner's Suite - Annex 9", 'publish');
    expect(published).toBe('Owner&#8217;s Suite &#8211; Annex 9');
    expect(decodeTitle(published, 'publish')).toBe('Owner\u2019s Suite \u2013 Annex 9');

    const hidden = filteredTitle("Owner's Suite - Annex 9", 'private');
    expect(hidden).toBe('Private: Owner&#8217;s Suite &#8211; Annex 9');
    expect(decodeTitle(hidden, 'private')).toBe('Owner\u2019s Suite \u2013 Annex 9');
  });

  it('gets back a title with a bare ampersand from the fake', () => {
    const sent = filteredTitle('Bed & Breakfast', 'publish');
    expect(sent).toBe('Bed &amp; Breakfast');
    expect(decodeTitle(sent, 'publish')).toBe('Bed & Breakfast');
  });
});
