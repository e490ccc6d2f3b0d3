import { requestAccountDeletion } from '../../shared/accounts/deletion-request';
import { deleteMeRoute } from '../../shared/accounts/routes';
import { httpHandler } from '../../shared/platform/http/handler';

export const handler = httpHandler(deleteMeRoute, async ({ auth, body }) => {
  await requestAccountDeletion(auth.userId, body.password);
  return { status: 202, body: { status: 'pending' as const } };
});
