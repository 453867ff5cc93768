// Connection strings differ only in the database path segment; swapping it through the URL
// parser keeps credentials, host, port and query parameters (sslmode, host=/socket) intact.

export function urlForDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}
