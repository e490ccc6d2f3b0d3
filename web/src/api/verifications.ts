import { ApiProblem, api, anonymous, idempotent, query, type Schemas, unwrap } from './client';

export type Verification = Schemas['Verification'];
export type VerificationService = Schemas['VerificationService'];
export type VerificationStatus = Verification['status'];
export type ReportReason = NonNullable<Verification['reportReason']>;

const path = (id: string) => ({ path: { id } });

export const listServices = () => unwrap(anonymous().GET('/v1/verifications/services'));

export const createVerification = (service: string, country: string | undefined, idempotencyKey: string) =>
  unwrap(
    api().POST('/v1/verifications', {
      params: idempotent(idempotencyKey),
      body: country ? { service, country } : { service },
    }),
  );

export const getVerification = (id: string) =>
  unwrap(api().GET('/v1/verifications/{id}', { params: path(id) }));

export const cancelVerification = (id: string) =>
  unwrap(api().POST('/v1/verifications/{id}/cancel', { params: path(id), body: {} }));

export const completeVerification = (id: string) =>
  unwrap(api().POST('/v1/verifications/{id}/complete', { params: path(id), body: {} }));

/** Cancels and refunds a pending request, and burns the number for its service. */
export const reportVerification = (id: string, reason: ReportReason) =>
  unwrap(api().POST('/v1/verifications/{id}/report', { params: path(id), body: { reason } }));

/** A new request on the number and service of a completed one (charged like a new one). */
export const reuseVerification = (id: string, idempotencyKey: string) =>
  unwrap(
    api().POST('/v1/verifications/{id}/reuse', {
      params: { ...path(id), ...idempotent(idempotencyKey) },
      body: {},
    }),
  );

export interface HistoryFilters {
  readonly service?: string;
  readonly status?: VerificationStatus | '';
  readonly from?: string;
  readonly to?: string;
}

export const listVerifications = (filters: HistoryFilters, cursor?: string | null) =>
  unwrap(api().GET('/v1/verifications', { params: { query: query({ ...filters, limit: 20, cursor }) } }));

/** The export, as a file to save: inline, or prepared asynchronously (202 + polling). */
export async function exportVerifications(
  format: 'csv' | 'json',
  filters: HistoryFilters,
): Promise<{ blob: Blob } | { url: string }> {
  const { data, error, response } = await api().GET('/v1/verifications/export', {
    params: { query: query({ ...filters, format }) },
    parseAs: 'blob',
  });
  if (!response.ok || !data) throw new ApiProblem(response.status, error);
  if (response.status !== 202) return { blob: data };
  const { exportId } = JSON.parse(await data.text()) as { exportId: string };
  for (let attempt = 0; attempt < 60; attempt += 1) {
    await new Promise((resolve) => window.setTimeout(resolve, 1000));
    const state = await unwrap(
      api().GET('/v1/verifications/exports/{exportId}', { params: { path: { exportId } } }),
    );
    if (state.downloadUrl) return { url: state.downloadUrl };
    if (state.status === 'failed') throw new Error('The export failed.');
  }
  throw new Error('The export is taking too long; try again later.');
}
