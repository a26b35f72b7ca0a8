/** What to tell the user when a workflow step or another mutation fails (Japanese, with the server's message). */
export function workflowErrorMessage(error: unknown, translate: (key: string) => string): string {
  const e = (error ?? {}) as { status?: number; message?: string; body?: { code?: string } };
  const code = e.body?.code;
  if (e.status === 409 || code === 'CONFLICT') {
    return [translate('review.errors.conflict'), e.message].filter(Boolean).join(' ');
  }
  if (e.status === 403 || code === 'FORBIDDEN') return translate('review.errors.forbidden');
  return `${translate('review.errors.failed')}: ${e.message ?? String(error)}`;
}
