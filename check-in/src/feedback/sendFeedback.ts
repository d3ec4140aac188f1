export type FeedbackOutcome = 'sent' | 'limited' | 'offline' | 'failed';

/** Posts a guest's rating and comment to the public endpoint. */
export async function sendFeedback(rating: number, comment: string): Promise<FeedbackOutcome> {
  const text = comment.trim();
  try {
    const res = await fetch('/api/feedback', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(text ? { rating, comment: text } : { rating }),
    });
    if (res.ok) return 'sent';
    return res.status === 429 ? 'limited' : 'failed';
  } catch {
    return 'offline';
  }
}
