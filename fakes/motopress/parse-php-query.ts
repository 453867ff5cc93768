/**
 * How PHP fills $_GET from a query string and $_POST from an x-www-form-urlencoded body
 * (main/php_variables.c): split on `&` (empty pieces skipped), cut each at the first `=`, decode
 * both sides with `urldecode` (`+` is a space), then register the name:
 * - leading spaces are dropped, a name cut at a NUL byte, and `.` or ` ` in the top-level name
 *   become `_` (`a.b=1` is `$_GET['a_b']`);
 * - `a[x][y]=1` nests, `a[]=1` appends, a space right after `[` is skipped; an unclosed `[` turns
 *   into `_` and the rest stays part of the name; anything after the last `]` is dropped;
 * - a name seen again overwrites the earlier value in its place, so the last duplicate wins.
 * The plugin signs exactly what comes out of this, so the fake parses requests the same way.
 * Input and output are binary strings (one char per byte).
 */
import { PhpArray } from './php-array.ts';

/** `max_input_nesting_level`'s default: deeper names are dropped. */
const MAX_NESTING = 64;

export function parsePhpQuery(raw: string): PhpArray {
  const vars = new PhpArray();
  for (const piece of raw.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const name = phpUrlDecode(eq === -1 ? piece : piece.slice(0, eq));
    const value = eq === -1 ? '' : phpUrlDecode(piece.slice(eq + 1));
    register(vars, name, value);
  }
  return vars;
}

/** PHP's `urldecode`: `+` is a space, `%XX` a byte, anything else (a stray `%`) itself. */
export function phpUrlDecode(text: string): string {
  return text.replace(/\+|%([0-9a-fA-F]{2})/g, (match, hex: string | undefined) =>
    hex === undefined ? ' ' : String.fromCharCode(parseInt(hex, 16)),
  );
}

function register(vars: PhpArray, rawName: string, value: string): void {
  const cut = rawName.indexOf('\0');
  let name = (cut === -1 ? rawName : rawName.slice(0, cut)).replace(/^ +/, '');
  const open = name.indexOf('[');
  const base = (open === -1 ? name : name.slice(0, open)).replace(/[ .]/g, '_');
  if (base === '') return;
  if (open === -1) {
    vars.set(base, value);
    return;
  }
  name = base + name.slice(open);

  // Walk the [index] parts; `undefined` stands for `[]` (append).
  let table = vars;
  let index: string | undefined = base;
  let at = base.length; // at the '['
  for (let level = 1; ; level++) {
    if (level > MAX_NESTING) return;
    let start = at + 1;
    const indexStart = start;
    if (name[start] === ' ') start++;
    let next: string | undefined;
    let close: number;
    if (name[start] === ']') {
      next = undefined;
      close = start;
    } else {
      close = name.indexOf(']', start);
      if (close === -1) {
        // Not an index after all: at the top level the '[' and the rest become part of the name.
        if (level === 1) index = `${base}_${name.slice(indexStart).replace(/[ .[]/g, '_')}`;
        break;
      }
      next = name.slice(indexStart, close);
    }
    table = child(table, index);
    index = next;
    at = close + 1;
    if (name[at] !== '[') break;
  }
  if (index === undefined) table.push(value);
  else table.set(index, value);
}

/** The array at `table[index]` (or a new one appended for `[]`), replacing a string that was there. */
function child(table: PhpArray, index: string | undefined): PhpArray {
  const fresh = new PhpArray();
  if (index === undefined) {
    table.push(fresh);
    return fresh;
  }
  const existing = table.get(index);
  if (existing instanceof PhpArray) return existing;
  table.set(index, fresh);
  return fresh;
}
