import { describe, expect, it } from 'vitest';
import { isCutShortJson } from './cut-short-json.ts';

const listing = JSON.stringify([
  { id: 7, title: 'Room "A" \\ [1]', reserved_accommodations: [{ accommodation: 2 }] },
  { id: 8, title: '}{', customer: { first_name: 'Ann' } },
  // A bracket that would close the wrong one, and quotes escaped around it: all string content.
  { id: 9, title: 'Suite "]" {' },
]);

describe('isCutShortJson', () => {
  it('is true for every strict prefix of a JSON array or object (after a BOM or blanks)', () => {
    for (const doc of [listing, JSON.stringify({ code: 'x', data: { status: 500 } }), '[]']) {
      for (let end = 1; end < doc.length; end++) expect(isCutShortJson(`\uFEFF ${doc.slice(0, end)}`)).toBe(true);
    }
  });

  it('is false for a whole document, an HTML page, a PHP notice around JSON, or mismatched brackets', () => {
    expect(isCutShortJson(listing)).toBe(false);
    expect(isCutShortJson('<!DOCTYPE html><html><body>[{</body></html>')).toBe(false);
    expect(isCutShortJson(`<br />\n<b>Notice</b>: ...<br />\n${listing}`)).toBe(false);
    expect(isCutShortJson(`${listing}<br />\n<b>Warning</b>: [`)).toBe(false);
    expect(isCutShortJson('[{"id":1]')).toBe(false);
    expect(isCutShortJson('')).toBe(false);
    expect(isCutShortJson('null')).toBe(false);
  });
});
