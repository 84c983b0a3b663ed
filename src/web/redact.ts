/** Secret links (personal calendars, tickets, sign-in and confirmation links, ?secret=) are credentials: never logged. */
export function redactSecrets(url: string): string {
  return url
    .replace(/^\/calendar\/personal\/[^/?#]+/, '/calendar/personal/[secret]')
    .replace(/^\/r\/[^/?#]+/, '/r/[secret]')
    .replace(/^\/login\/link\/[^/?#]+/, '/login/link/[secret]')
    .replace(/^\/verify\/[^/?#]+/, '/verify/[secret]')
    .replace(/([?&]secret=)[^&#]+/, '$1[secret]');
}
