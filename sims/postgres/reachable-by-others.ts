// Whether a user other than the owner (and not in its group) can reach a file: every directory
// on the way must grant "others" search (x), and the file itself read and execute. As root the
// embedded server runs as the unprivileged `postgres` user, which is exactly such an "other":
// a checkout under a mode-700 directory (a home dir, `mktemp -d`) hides the binaries from it.
import { statSync } from 'node:fs';
import path from 'node:path';

const othersSearch = 0o001;
const othersReadExecute = 0o005;

export function isReachableByOthers(file: string): boolean {
  try {
    if ((statSync(file).mode & othersReadExecute) !== othersReadExecute) return false;
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      if ((statSync(dir).mode & othersSearch) === 0) return false;
      if (path.dirname(dir) === dir) return true;
    }
  } catch {
    return false;
  }
}
