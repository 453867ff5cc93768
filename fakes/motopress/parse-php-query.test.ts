/**
 * $_GET as PHP fills it, because the plugin signs what PHP parsed, not what the client sent: the
 * last duplicate wins in the first one's place, brackets nest, dots become underscores, and
 * array_merge renumbers int keys. Each expectation follows main/php_variables.c.
 */
import { describe, expect, it } from 'vitest';
import { parsePhpQuery } from './parse-php-query.ts';
import { PhpArray, phpEmpty, type PhpValue } from './php-array.ts';

/** A plain picture of a PhpArray: [key, value] pairs in order, nested arrays likewise. */
function plain(value: PhpValue | undefined): unknown {
  return value instanceof PhpArray ? value.entries().map(([k, v]) => [k, plain(v)]) : value;
}

describe('parsePhpQuery', () => {
  it('decodes + and %XX, keeps a stray %, and gives a name without = the empty string', () => {
    expect(plain(parsePhpQuery('a=x+y%2Bz&b=100%&c&&d='))).toEqual([
      ['a', 'x y+z'],
      ['b', '100%'],
      ['c', ''],
      ['d', ''],
    ]);
  });

  it('keeps the last of duplicate names, in the place of the first', () => {
    expect(plain(parsePhpQuery('a=1&b=2&a=3'))).toEqual([
      ['a', '3'],
      ['b', '2'],
    ]);
  });

  it('nests bracketed names, appends [] and numbers int keys', () => {
    expect(plain(parsePhpQuery('filter[post_status]=a,b&filter[meta][key]=k&c[]=1&c[]=2&c[7]=x&c[]=y'))).toEqual([
      [
        'filter',
        [
          ['post_status', 'a,b'],
          ['meta', [['key', 'k']]],
        ],
      ],
      [
        'c',
        [
          [0, '1'],
          [1, '2'],
          [7, 'x'],
          [8, 'y'],
        ],
      ],
    ]);
  });

  it('mangles names as PHP does: leading spaces, dots and spaces, an unclosed bracket, text after ]', () => {
    expect(plain(parsePhpQuery('%20%20a.b%20c=1&x[y=2&p[q]r=3&[z]=4&s[%20t]=5&u[%20]=6'))).toEqual([
      ['a_b_c', '1'],
      ['x_y', '2'],
      ['p', [['q', '3']]],
      ['s', [[' t', '5']]],
      ['u', [[0, '6']]],
    ]);
  });

  it('treats canonical integer names as int keys ("5" and 5 are one key, "05" is not)', () => {
    const vars = parsePhpQuery('5=a&05=b&5=c');
    expect(plain(vars)).toEqual([
      [5, 'c'],
      ['05', 'b'],
    ]);
  });

  it('replaces a scalar by an array when the same name later nests, and keeps binary bytes', () => {
    expect(plain(parsePhpQuery('a=1&a[b]=2&e=%C3%A9'))).toEqual([
      ['a', [['b', '2']]],
      ['e', '\u00c3\u00a9'],
    ]);
  });
});

describe('PhpArray.merge and phpEmpty', () => {
  it('overwrites string keys in place and renumbers int keys, as array_merge does', () => {
    const merged = PhpArray.merge(parsePhpQuery('7=a&k=1&x=2'), parsePhpQuery('k=3&7=b'));
    expect(plain(merged)).toEqual([
      [0, 'a'],
      ['k', '3'],
      ['x', '2'],
      [1, 'b'],
    ]);
  });

  it('calls missing, "", "0" and empty arrays empty, and "00", " " and arrays with items not', () => {
    const vars = parsePhpQuery('a=&b=0&c=00&d=%20&e[]=1');
    expect([vars.get('a'), vars.get('b'), vars.get('missing'), new PhpArray()].map(phpEmpty)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect([vars.get('c'), vars.get('d'), vars.get('e')].map(phpEmpty)).toEqual([false, false, false]);
  });
});
