/**
 * A PHP array, as far as the plugin's OAuth check can tell: ordered, with keys that are ints when
 * they look like canonical decimal integers ("5" and 5 are the same key, "05" is a string), an
 * append that takes the next free int, and `array_merge`, which overwrites string keys in place
 * but renumbers int keys. The signature base string depends on all three (key order, key text,
 * which duplicate survives), so $_GET/$_POST are modelled with this rather than a plain Map.
 * Strings are binary: one char per byte (latin1), as PHP strings are.
 */
export type PhpKey = string | number;
export type PhpValue = string | PhpArray;

const CANONICAL_INT = /^(0|-?[1-9]\d*)$/;

export class PhpArray {
  readonly #entries = new Map<PhpKey, PhpValue>();
  #nextIndex = 0;

  /** `$a[$key] = $value`: an existing key keeps its place. */
  set(key: PhpKey, value: PhpValue): void {
    const k = phpKey(key);
    this.#entries.set(k, value);
    if (typeof k === 'number' && k >= this.#nextIndex) this.#nextIndex = k + 1;
  }

  /** `$a[] = $value`. */
  push(value: PhpValue): void {
    this.set(this.#nextIndex, value);
  }

  get(key: PhpKey): PhpValue | undefined {
    return this.#entries.get(phpKey(key));
  }

  delete(key: PhpKey): void {
    this.#entries.delete(phpKey(key));
  }

  entries(): Array<[PhpKey, PhpValue]> {
    return [...this.#entries];
  }

  values(): PhpValue[] {
    return [...this.#entries.values()];
  }

  get size(): number {
    return this.#entries.size;
  }

  /** `array_merge(...$arrays)`: later string keys overwrite earlier ones in place; int keys are appended as 0, 1, ... */
  static merge(...arrays: PhpArray[]): PhpArray {
    const merged = new PhpArray();
    for (const array of arrays)
      for (const [key, value] of array.entries()) {
        if (typeof key === 'number') merged.push(value);
        else merged.set(key, value);
      }
    return merged;
  }
}

/** PHP's `empty()` on an array element: missing, "", "0" and an empty array are empty. */
export function phpEmpty(value: PhpValue | undefined): boolean {
  if (value === undefined) return true;
  if (typeof value === 'string') return value === '' || value === '0';
  return value.size === 0;
}

function phpKey(key: PhpKey): PhpKey {
  if (typeof key === 'number') return key;
  return CANONICAL_INT.test(key) && Number.isSafeInteger(Number(key)) ? Number(key) : key;
}
