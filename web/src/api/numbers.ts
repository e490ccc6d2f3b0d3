import { api, idempotent, query, type Schemas, unwrap } from './client';

export type AvailableNumber = Schemas['AvailableNumber'];
export type NumberType = AvailableNumber['type'];
export type Capability = AvailableNumber['capabilities'][number];
export type OwnedNumber = Schemas['OwnedNumber'];

export interface NumberFilters {
  readonly country: string;
  readonly type?: NumberType | '';
  readonly capability?: Capability | '';
  readonly contains?: string;
}

const path = (phoneNumber: string) => ({ path: { phoneNumber } });

export const searchAvailable = (filters: NumberFilters, cursor?: string | null) =>
  unwrap(api().GET('/v1/numbers/available', { params: { query: query({ ...filters, limit: 20, cursor }) } }));

export const availableDetail = (phoneNumber: string) =>
  unwrap(api().GET('/v1/numbers/available/{phoneNumber}', { params: path(phoneNumber) }));

export const buyNumber = (phoneNumber: string, idempotencyKey: string) =>
  unwrap(
    api().POST('/v1/numbers', { params: idempotent(idempotencyKey), body: { phoneNumber, autoRenew: true } }),
  );

export const listOwned = () => unwrap(api().GET('/v1/numbers', { params: { query: { limit: 100 } } }));

export const setAutoRenew = (phoneNumber: string, autoRenew: boolean) =>
  unwrap(api().PATCH('/v1/numbers/{phoneNumber}', { params: path(phoneNumber), body: { autoRenew } }));

export const cancelNumber = (phoneNumber: string) =>
  unwrap(api().DELETE('/v1/numbers/{phoneNumber}', { params: path(phoneNumber) }));

/** Recipients who texted STOP to the number. */
export const listOptOuts = async (phoneNumber: string) =>
  (
    await unwrap(
      api().GET('/v1/numbers/{phoneNumber}/opt-outs', {
        params: { ...path(phoneNumber), query: { limit: 100 } },
      }),
    )
  ).items;

export const smsPricing = () => unwrap(api().GET('/v1/sms/pricing'));
