const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1)$/i;

/**
 * The address the finale's QR code carries. A phone must be able to open it: the origin of the hub
 * the projector is on now (the page's own, or another's once it moved there: the lost one would
 * answer nobody) when that is a LAN name, else that hub's first LAN address from /api/info. An
 * absolute feedbackUrl is used as it is.
 */
export function feedbackLink(feedbackUrl: string, hubOrigin: string, lanUrls: readonly string[]): string {
  if (/^https?:\/\//i.test(feedbackUrl)) return feedbackUrl;
  const page = new URL(hubOrigin);
  const lan = lanUrls.find((u) => !LOOPBACK.test(new URL(u).hostname));
  const base = LOOPBACK.test(page.hostname) && lan ? lan : page.origin;
  return new URL(feedbackUrl, base).toString();
}
