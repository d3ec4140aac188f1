/** `later`: the server answered but could not save it now (its database away, or waiting for the backup laptop). */
export type FeedbackOutcome = 'sent' | 'limited' | 'offline' | 'later' | 'failed';

/** Posts a guest's rating and comment to the public endpoint. */
export async function sendFeedback(rating: number, comment: string): Promise<FeedbackOutcome> {
  const text = comment.trim();
  try {
    const res = await fetch('/api/feedback', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(text ? { rating, comment: text } : { rating }),
    });
    return outcomeOf(res.status);
  } catch {
    return 'offline';
  }
}

/** What the guest is told for the server's answer. */
export function outcomeOf(status: number): FeedbackOutcome {
  if (status >= 200 && status < 300) return 'sent';
  return status === 429 ? 'limited' : status >= 500 ? 'later' : 'failed';
}
