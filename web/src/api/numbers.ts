import { api, asPage } from './client';
import type { AvailableNumber, Capability, NumberType, OwnedNumber, Page } from './types';

export interface NumberFilters {
  readonly country: string;
  readonly type?: NumberType | '';
  readonly capability?: Capability | '';
  readonly contains?: string;
}

export const searchAvailable = async (filters: NumberFilters, cursor?: string | null) =>
  asPage(
    await api<Page<AvailableNumber>>('/v1/numbers/available', {
      query: { ...filters, limit: 20, cursor },
    }),
  );

export const availableDetail = (phoneNumber: string) =>
  api<AvailableNumber>(`/v1/numbers/available/${encodeURIComponent(phoneNumber)}`);

export const buyNumber = (phoneNumber: string, idempotencyKey: string) =>
  api<OwnedNumber>('/v1/numbers', { body: { phoneNumber, autoRenew: true }, idempotencyKey });

export const listOwned = async () =>
  asPage(await api<Page<OwnedNumber>>('/v1/numbers', { query: { limit: 100 } }));

export const setAutoRenew = (phoneNumber: string, autoRenew: boolean) =>
  api<OwnedNumber>(`/v1/numbers/${encodeURIComponent(phoneNumber)}`, {
    method: 'PATCH',
    body: { autoRenew },
  });

export const cancelNumber = (phoneNumber: string) =>
  api<{ status: 'cancelled' }>(`/v1/numbers/${encodeURIComponent(phoneNumber)}`, { method: 'DELETE' });
