import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '#lib-dynamodb';
import { type Entity, Service } from 'electrodb';
import { dynamo, tableName } from './client';
import { provideDocumentCommands } from './electrodb-sdk';

// biome-ignore lint/suspicious/noExplicitAny: ElectroDB's own bound for a Service's entities.
type Entities = Record<string, Entity<any, any, any, any>>;

/**
 * A context's data module (`shared/<context>/db.ts`): an ElectroDB Service over only the
 * entities that context reads and writes — including the foreign ones its transactions span —
 * bound to the table on first use. A Lambda then loads and builds just those entities, not the
 * whole table's. Every entity also belongs in the registry (./service.ts), from which the table
 * and its indexes derive; test/unit/platform/db/data-modules.test.ts checks both.
 */
export function dataService<E extends Entities>(entities: E): () => Service<E> {
  let service: Service<E> | undefined;
  return () => {
    if (!service) {
      // In Lambda bundles ElectroDB sends through ./electrodb-sdk.ts (see there).
      provideDocumentCommands({
        GetCommand,
        PutCommand,
        UpdateCommand,
        DeleteCommand,
        BatchWriteCommand,
        BatchGetCommand,
        ScanCommand,
        QueryCommand,
        TransactWriteCommand,
        TransactGetCommand,
      });
      service = new Service(entities, { client: dynamo(), table: tableName() });
    }
    return service;
  };
}

/** The entities as seen inside `db().transaction.write((tx) => ...)` of a data module. */
export type TxEntities<E extends Entities> = Parameters<Parameters<Service<E>['transaction']['write']>[0]>[0];
