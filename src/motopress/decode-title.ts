/**
 * WordPress filters post titles before the REST API sends them: HTML entities (`&#8211;`,
 * `&amp;`, `&#039;`) and a "Private: " prefix on private posts. The guest chat shows titles to
 * guests, so the sync stores them decoded and, for a private post, without the prefix (the
 * unit's status already says it is private; a published unit really named "Private: ..." keeps
 * its name).
 */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '\u2013',
  mdash: '\u2014',
  hellip: '\u2026',
  rsquo: '\u2019',
  lsquo: '\u2018',
  ldquo: '\u201c',
  rdquo: '\u201d',
};

export function decodeTitle(title: string, status: string): string {
  const decoded = title.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity: string, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED[body.toLowerCase()] ?? entity;
  });
  return status === 'private' ? decoded.replace(/^Private: /, '') : decoded;
}
