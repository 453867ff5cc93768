/**
 * Whether a body that failed to parse is a JSON document cut short (PHP killed by its time or
 * memory limit mid-output, a proxy's buffer cut) rather than something else: it opens an array or
 * object, everything up to the end nests and quotes correctly, and the end comes before the last
 * bracket closes. A retry usually brings the whole answer. Anything else (an HTML page, a PHP
 * notice in front of or after the JSON, mismatched brackets) will not come out whole on a retry.
 * A bracket scan, not a parser: a body that passes it but also fails JSON.parse for another
 * reason (a bad literal inside) is still retried, which costs attempts, never data.
 */
export function isCutShortJson(text: string): boolean {
  // trimStart drops a leading BOM too: U+FEFF is white space to ECMAScript.
  const body = text.trimStart();
  if (body[0] !== '[' && body[0] !== '{') return false;
  const open: string[] = [];
  let inString = false;
  // Stryker disable next-line EqualityOperator: one step past the end reads undefined, which matches no case below
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') open.push(c);
    else if (c === ']' || c === '}') {
      if (open.pop() !== (c === ']' ? '[' : '{')) return false;
      // The document closed: whatever follows is not a missing end.
      if (open.length === 0) return false;
    }
  }
  // Never empty here: the first bracket would have closed the document above.
  return true;
}
