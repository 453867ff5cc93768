/**
 * Matches a pathname against an msw route path such as `/channels/:type/:id`, for a fake's own
 * router (direct-route.ts), deciding only where msw's matching surely agrees. msw matches with
 * path-to-regexp: case-insensitive, an optional trailing slash, a `:param` one non-empty segment
 * decoded with decodeURIComponent. So the matcher answers the params (decoded as msw decodes
 * them) when msw surely matches, 'no' when it surely does not, and 'unsure' otherwise: a literal
 * equal only when case is ignored, an empty segment (a trailing or doubled slash), a param that
 * does not decode. Only literal and `:param` segments: a pattern with anything else is refused.
 */
export type RouteMatch = Record<string, string> | 'no' | 'unsure';

export function routePathMatcher(pattern: string): (pathname: string) => RouteMatch {
  if (!pattern.startsWith('/') || /[*?()+{}]/.test(pattern))
    throw new Error(`routePathMatcher: only literal and :param segments, got ${pattern}`);
  const segments = pattern.split('/').slice(1);
  return (pathname) => {
    const parts = pathname.split('/').slice(1);
    if (parts.includes('')) return 'unsure';
    if (parts.length !== segments.length) return 'no';
    const params: Record<string, string> = {};
    let unsure = false;
    for (const [i, segment] of segments.entries()) {
      const part = parts[i]!;
      if (segment.startsWith(':')) {
        try {
          params[segment.slice(1)] = decodeURIComponent(part);
        } catch {
          unsure = true;
        }
      } else if (segment !== part) {
        if (segment.toLowerCase() !== part.toLowerCase()) return 'no';
        unsure = true;
      }
    }
    return unsure ? 'unsure' : params;
  };
}
