import {
  APIGatewayClient,
  CreateUsagePlanKeyCommand,
  DeleteUsagePlanKeyCommand,
  GetUsagePlansCommand,
  NotFoundException,
  ConflictException,
} from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { resetConfig } from '../../../shared/platform/config';
import { moveGatewayKey, resetUsagePlanCache } from '../../../shared/accounts/gateway-keys';

const gateway = mockClient(APIGatewayClient);

beforeEach(() => {
  gateway.reset();
  resetConfig();
  resetUsagePlanCache();
  process.env.SMSPROJ_RUNTIME = 'aws';
  process.env.USAGE_PLAN_NAMES = JSON.stringify({ free: 'p-free', pro: 'p-pro', business: 'p-business' });
  gateway.on(GetUsagePlansCommand).resolves({
    items: [
      { id: 'up-free', name: 'p-free' },
      { id: 'up-pro', name: 'p-pro' },
      { id: 'up-business', name: 'p-business' },
    ],
  });
});

afterAll(() => {
  delete process.env.SMSPROJ_RUNTIME;
  delete process.env.USAGE_PLAN_NAMES;
  resetConfig();
});

/** The order of the usage-plan key calls. */
const calls = () =>
  gateway
    .calls()
    .map((c) => c.args[0])
    .filter((cmd) => cmd instanceof CreateUsagePlanKeyCommand || cmd instanceof DeleteUsagePlanKeyCommand)
    .map((cmd) =>
      cmd instanceof CreateUsagePlanKeyCommand
        ? `add ${cmd.input.usagePlanId}`
        : `remove ${(cmd as DeleteUsagePlanKeyCommand).input.usagePlanId}`,
    );

describe('moveGatewayKey', () => {
  it('removes the key from every other plan of the stage before adding it to the new one', async () => {
    gateway.on(DeleteUsagePlanKeyCommand).resolves({});
    gateway.on(CreateUsagePlanKeyCommand).resolves({});

    await moveGatewayKey('gk-1', 'pro');

    const order = calls();
    expect(order[order.length - 1]).toBe('add up-pro');
    expect(order.slice(0, -1).sort()).toEqual(['remove up-business', 'remove up-free']);
    expect(gateway).toHaveReceivedCommandWith(CreateUsagePlanKeyCommand, {
      usagePlanId: 'up-pro',
      keyId: 'gk-1',
      keyType: 'API_KEY',
    });
  });

  it('converges on a retry: a key already removed or already added is not an error (repair)', async () => {
    gateway
      .on(DeleteUsagePlanKeyCommand)
      .rejects(new NotFoundException({ message: 'Invalid API Key identifier', $metadata: {} }));
    gateway
      .on(CreateUsagePlanKeyCommand)
      .rejects(new ConflictException({ message: 'Usage Plan Key already exists', $metadata: {} }));

    await expect(moveGatewayKey('gk-1', 'business')).resolves.toBeUndefined();
  });
});
