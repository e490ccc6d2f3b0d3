/** True when a DynamoDB write failed its condition (ElectroDB wraps the SDK error). */
export function isConditionalFailure(error: unknown): boolean {
  const text = String((error as { message?: string })?.message ?? '');
  const cause = (error as { cause?: { name?: string } })?.cause?.name ?? '';
  return (
    cause === 'ConditionalCheckFailedException' ||
    text.includes('The conditional request failed') ||
    text.includes('ConditionalCheckFailed')
  );
}
