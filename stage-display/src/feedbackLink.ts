const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1)$/i;

/**
 * The address the finale's QR code carries. A phone must be able to open it: the page's own origin
 * when the projector opened the server by a LAN name, else the server's first LAN address from
 * /api/info. An absolute feedbackUrl is used as it is.
 */
export function feedbackLink(feedbackUrl: string, pageOrigin: string, lanUrls: readonly string[]): string {
  if (/^https?:\/\//i.test(feedbackUrl)) return feedbackUrl;
  const page = new URL(pageOrigin);
  const lan = lanUrls.find((u) => !LOOPBACK.test(new URL(u).hostname));
  const base = LOOPBACK.test(page.hostname) && lan ? lan : page.origin;
  return new URL(feedbackUrl, base).toString();
}
