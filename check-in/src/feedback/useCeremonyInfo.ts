import type { FeedbackInfo } from '@ceremony/shared';
import { useEffect, useState } from 'react';

/**
 * The evening's title and colours for the guests' page, which has no sign-in and so no socket:
 * one public GET. Until it answers (or if the hall's network drops) the page greets without a name.
 */
export function useCeremonyInfo(): FeedbackInfo | null {
  const [info, setInfo] = useState<FeedbackInfo | null>(null);
  useEffect(() => {
    let current = true;
    fetch('/api/feedback')
      .then((res) => (res.ok ? (res.json() as Promise<FeedbackInfo>) : null))
      .then((body) => current && body?.ok && setInfo(body))
      .catch(() => undefined);
    return () => void (current = false);
  }, []);
  useEffect(() => {
    if (info) document.title = info.title;
  }, [info]);
  return info;
}
