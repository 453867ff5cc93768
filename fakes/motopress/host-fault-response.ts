/**
 * What a WordPress host answers when it fails, for the HTTP faults of the run's plan. MotoPress
 * and WP core have no rate limiting: throttling comes from the host, WAF or CDN and looks like
 * nginx's HTML pages, not like a WP error. So:
 * - http-429: nginx `limit_req` HTML with `Retry-After`;
 * - http-500: WP's fatal-error handler, which answers REST requests with JSON
 *   `internal_server_error` ("There has been a critical error on this website.");
 * - http-502: nginx "502 Bad Gateway" HTML (PHP-FPM down);
 * - http-503: WP maintenance mode, HTML with `Retry-After: 600`.
 * None of them touch the store.
 */
import type { HttpFault } from '../fault-kinds.ts';

export const HOST_FAULTS = ['http-500', 'http-502', 'http-503', 'http-429'] as const satisfies readonly HttpFault[];
export type HostFault = (typeof HOST_FAULTS)[number];

export function isHostFault(value: string): value is HostFault {
  return (HOST_FAULTS as readonly string[]).includes(value);
}

const nginxPage = (title: string) =>
  `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

export function hostFaultResponse(fault: HostFault, retryAfterSeconds = 30): Response {
  const html = { 'Content-Type': 'text/html; charset=UTF-8', Server: 'nginx' };
  switch (fault) {
    case 'http-429':
      return new Response(nginxPage('429 Too Many Requests'), {
        status: 429,
        headers: { ...html, 'Retry-After': String(retryAfterSeconds) },
      });
    case 'http-502':
      return new Response(nginxPage('502 Bad Gateway'), { status: 502, headers: html });
    case 'http-503':
      return new Response(
        '<!DOCTYPE html>\n<html lang="en-US">\n<head><meta charset="utf-8"><title>Maintenance</title></head>\n<body><h1>Briefly unavailable for scheduled maintenance. Check back in a minute.</h1></body>\n</html>\n',
        { status: 503, headers: { ...html, 'Retry-After': '600' } },
      );
    case 'http-500':
      return new Response(
        JSON.stringify({
          code: 'internal_server_error',
          message:
            '<p>There has been a critical error on this website.</p><p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">Learn more about troubleshooting WordPress.</a></p>',
          data: { status: 500 },
          additional_errors: [],
        }),
        { status: 500, headers: { 'Content-Type': 'application/json; charset=UTF-8' } },
      );
  }
}
