import { appendJsonLine } from './files';
import { type Carrier, CarrierError } from '../../shared/sms/carrier';
import { OUTBOX_STATUS_FILE, type OutboxStatus, writeToOutbox } from './sms-outbox';
import { EVENT_STATUS, receiptSnsEvent, type SmsEvent } from '../../shared/sms/receipts';
import type { LambdaInvoker } from '../lambda/invoke';

/** Refused at once (`failed`, refunded). */
export const REFUSED_RECIPIENT = '+15005550001';
/** Accepted, then not delivered (`undelivered` with an errorCode). */
export const UNDELIVERED_RECIPIENT = '+15005550002';

export interface CarrierSimulatorOptions {
  /** Delay before the TEXT_SUCCESSFUL event. @default 100 */
  readonly acceptedAfterMs?: number;
  /** Delay from TEXT_SUCCESSFUL to the final event. @default 300 */
  readonly finalAfterMs?: number;
}

/**
 * The local stand-in for End User Messaging. Each accepted chunk lands in the outbox
 * (`GET /dev/sms/outbox`) and, like the real configuration set's event destination, the
 * simulator then publishes receipt events of the documented shape to the `sms/receipts`
 * handler (the deployed Lambda's code, invoked as Lambda would): TEXT_SUCCESSFUL, then
 * TEXT_DELIVERED well within 2 s; `+15005550002` gets TEXT_CARRIER_UNREACHABLE instead;
 * `+15005550001` is refused synchronously (as SendTextMessage refuses, e.g., a blocked
 * destination).
 */
export function createCarrierSimulator(
  invoke: LambdaInvoker,
  options: CarrierSimulatorOptions = {},
): Carrier & { drain(): Promise<void> } {
  const acceptedAfter = options.acceptedAfterMs ?? 100;
  const finalAfter = options.finalAfterMs ?? 300;
  const pending = new Set<Promise<void>>();
  const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

  async function emit(event: SmsEvent): Promise<void> {
    await invoke('sms/receipts', receiptSnsEvent([event]));
    const status = EVENT_STATUS[event.eventType];
    if (!status) return;
    const line: OutboxStatus = {
      messageId: event.context.messageId,
      status,
      ...(status === 'undelivered' || status === 'failed' ? { errorCode: event.eventType } : {}),
    };
    await appendJsonLine(OUTBOX_STATUS_FILE, line);
  }

  return {
    async send(sms) {
      await writeToOutbox(sms);
      if (sms.to === REFUSED_RECIPIENT) {
        await appendJsonLine(OUTBOX_STATUS_FILE, {
          messageId: sms.messageId,
          status: 'failed',
          errorCode: 'TEXT_INVALID',
        } satisfies OutboxStatus);
        throw new CarrierError('Destination refused (local test number)', false, 'TEXT_INVALID');
      }
      const carrierMessageId = crypto.randomUUID();
      const base = {
        eventVersion: '1.0',
        originationPhoneNumber: sms.from,
        destinationPhoneNumber: sms.to,
        messageId: carrierMessageId,
        context: { messageId: sms.messageId, conversationId: sms.conversationId },
        totalMessageParts: sms.segments,
      };
      const finalEvent: SmsEvent =
        sms.to === UNDELIVERED_RECIPIENT
          ? {
              ...base,
              eventType: 'TEXT_CARRIER_UNREACHABLE',
              isFinal: true,
              messageStatus: 'CARRIER_UNREACHABLE',
              messageStatusDescription: 'The carrier could not reach the handset (local simulator)',
              totalMessagePrice: 0.00581 * sms.segments,
              totalCarrierFee: 0.003 * sms.segments,
            }
          : {
              ...base,
              eventType: 'TEXT_DELIVERED',
              isFinal: true,
              messageStatus: 'DELIVERED',
              messageStatusDescription: 'Message has been delivered (local simulator)',
              totalMessagePrice: 0.00581 * sms.segments,
              totalCarrierFee: 0.003 * sms.segments,
            };
      const run = later(acceptedAfter)
        .then(() =>
          emit({
            ...base,
            eventType: 'TEXT_SUCCESSFUL',
            isFinal: false,
            messageStatus: 'SUCCESSFUL',
            messageStatusDescription: 'Message has been accepted by phone carrier',
          }),
        )
        .then(() => later(finalAfter))
        .then(() => emit(finalEvent))
        .catch((error: unknown) => {
          process.stderr.write(`carrier simulator: receipt failed: ${String(error)}\n`);
        })
        .finally(() => pending.delete(run));
      pending.add(run);
      return { carrierMessageId };
    },
    async drain() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
