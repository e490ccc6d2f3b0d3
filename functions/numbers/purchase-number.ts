import { purchaseNumberOfKind } from '../../shared/numbers/on-demand';
import { purchaseNumberRoute } from '../../shared/numbers/routes';
import { purchaseNumber } from '../../shared/numbers/service';
import { created } from '../../shared/platform/http/handler';
import { idempotentHandler } from '../../shared/platform/http/idempotency';

export const handler = idempotentHandler(purchaseNumberRoute, async ({ body, auth }) => {
  const { phoneNumber, country, type, capabilities, autoRenew } = body;
  const renew = autoRenew === undefined ? {} : { autoRenew };
  if (phoneNumber) return created(await purchaseNumber({ userId: auth.userId, phoneNumber, ...renew }));
  // The body schema guarantees country and type when there is no phoneNumber.
  return created(
    await purchaseNumberOfKind({
      userId: auth.userId,
      country: country!,
      type: type!,
      ...(capabilities ? { capabilities } : {}),
      ...renew,
    }),
  );
});
