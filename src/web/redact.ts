/** Secret links (personal calendars, tickets, sign-in, password reset, confirmation and opt-out links, ?secret=) are credentials: never logged. */
export function redactSecrets(url: string): string {
  return url
    .replace(/^\/calendar\/personal\/[^/?#]+/, '/calendar/personal/[secret]')
    .replace(/^\/r\/[^/?#]+/, '/r/[secret]')
    .replace(/^\/s\/[^/?#]+/, '/s/[secret]')
    .replace(/^\/jury\/invite\/[^/?#]+/, '/jury/invite/[secret]')
    .replace(/^\/login\/link\/[^/?#]+/, '/login/link/[secret]')
    .replace(/^\/login\/reset\/[^/?#]+/, '/login/reset/[secret]')
    .replace(/^\/verify\/[^/?#]+/, '/verify/[secret]')
    .replace(/^\/invitations\/opt-out\/[^/?#]+/, '/invitations/opt-out/[secret]')
    .replace(/([?&]secret=)[^&#]+/, '$1[secret]');
}
