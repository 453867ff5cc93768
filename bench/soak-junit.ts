/** The outcome of each test case in a JUnit report (the one vitest writes for `syncsim check --junit`). */
export interface TestOutcome {
  /** "<file> > <test name>". */
  name: string;
  state: 'passed' | 'failed' | 'timed out' | 'skipped';
}

const entities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&amp;': '&' };
const unescape = (text: string) => text.replace(/&(lt|gt|quot|apos|amp);/g, (entity) => entities[entity] ?? entity);

export function junitOutcomes(xml: string): TestOutcome[] {
  const outcomes: TestOutcome[] = [];
  const testcase = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g;
  for (const match of xml.matchAll(testcase)) {
    const attributes = match[1] ?? '';
    const body = match[3] ?? '';
    const classname = unescape(/classname="([^"]*)"/.exec(attributes)?.[1] ?? '');
    const name = unescape(/\bname="([^"]*)"/.exec(attributes)?.[1] ?? '');
    let state: TestOutcome['state'] = 'passed';
    if (/<skipped\b/.test(body)) state = 'skipped';
    else if (/<(failure|error)\b/.test(body)) state = /timed out in \d+ms/i.test(body) ? 'timed out' : 'failed';
    outcomes.push({ name: `${classname} > ${name}`, state });
  }
  return outcomes;
}
