// A failing migration must say which file, where in it, and what Postgres said; a bare
// "syntax error at or near" from a 40-file folder sends people hunting.

export interface PostgresErrorFields {
  message: string;
  code?: string;
  position?: string;
  detail?: string;
  hint?: string;
  where?: string;
}

function lineAndColumn(sql: string, position: string | undefined): string {
  const offset = Number(position);
  if (!Number.isInteger(offset) || offset < 1) return '';
  const before = [...sql].slice(0, offset - 1).join('');
  const lines = before.split('\n');
  return ` at line ${lines.length}, column ${(lines.at(-1)?.length ?? 0) + 1}`;
}

export class MigrationError extends Error {
  readonly file: string;
  readonly code: string | undefined;

  constructor(dir: string, file: string, sql: string, cause: PostgresErrorFields) {
    const extra = [
      cause.detail && `detail: ${cause.detail}`,
      cause.hint && `hint: ${cause.hint}`,
      cause.where && `where: ${cause.where}`,
    ]
      .filter(Boolean)
      .join('; ');
    super(
      `migration ${file} failed${lineAndColumn(sql, cause.position)}: ${cause.message}` +
        `${cause.code ? ` (SQLSTATE ${cause.code})` : ''}${extra ? `; ${extra}` : ''} [folder ${dir}]`,
      { cause },
    );
    this.name = 'MigrationError';
    this.file = file;
    this.code = cause.code;
  }
}
