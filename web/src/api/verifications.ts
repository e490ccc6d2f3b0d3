import { api, asPage, request } from './client';
import type { Page, ReportReason, Verification, VerificationService, VerificationStatus } from './types';

export const listServices = async () =>
  asPage(await api<VerificationService[]>('/v1/verifications/services', { auth: false })).items;

export const createVerification = (service: string, country: string | undefined, idempotencyKey: string) =>
  api<Verification>('/v1/verifications', {
    body: country ? { service, country } : { service },
    idempotencyKey,
  });

export const getVerification = (id: string) =>
  api<Verification>(`/v1/verifications/${encodeURIComponent(id)}`);

export const cancelVerification = (id: string) =>
  api<Verification>(`/v1/verifications/${encodeURIComponent(id)}/cancel`, { body: {} });

export const completeVerification = (id: string) =>
  api<Verification>(`/v1/verifications/${encodeURIComponent(id)}/complete`, { body: {} });

/** Cancels and refunds a pending request, and burns the number for its service. */
export const reportVerification = (id: string, reason: ReportReason) =>
  api<Verification>(`/v1/verifications/${encodeURIComponent(id)}/report`, { body: { reason } });

/** A new request on the number and service of a completed one (charged like a new one). */
export const reuseVerification = (id: string, idempotencyKey: string) =>
  api<Verification>(`/v1/verifications/${encodeURIComponent(id)}/reuse`, { body: {}, idempotencyKey });

export interface HistoryFilters {
  readonly service?: string;
  readonly status?: VerificationStatus | '';
  readonly from?: string;
  readonly to?: string;
}

export const listVerifications = async (filters: HistoryFilters, cursor?: string | null) =>
  asPage(await api<Page<Verification>>('/v1/verifications', { query: { ...filters, limit: 20, cursor } }));

/** The export, as a file to save: inline, or prepared asynchronously (202 + polling). */
export async function exportVerifications(
  format: 'csv' | 'json',
  filters: HistoryFilters,
): Promise<{ blob: Blob } | { url: string }> {
  const response = await request('/v1/verifications/export', { query: { ...filters, format } });
  if (response.status !== 202) return { blob: await response.blob() };
  const { exportId } = (await response.json()) as { exportId: string };
  for (let attempt = 0; attempt < 60; attempt += 1) {
    await new Promise((resolve) => window.setTimeout(resolve, 1000));
    const state = await api<{ status: string; downloadUrl?: string }>(
      `/v1/verifications/exports/${encodeURIComponent(exportId)}`,
    );
    if (state.downloadUrl) return { url: state.downloadUrl };
    if (state.status === 'failed') throw new Error('The export failed.');
  }
  throw new Error('The export is taking too long; try again later.');
}
