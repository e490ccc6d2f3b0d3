import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  ProjectionType,
  StreamViewType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { type GsiDefinition, tableDefinition } from '../../shared/platform/db/table-definition';

export interface DataTableProps {
  /**
   * Key fields, TTL attribute and GSIs. Derived from the ElectroDB entities so an access
   * pattern cannot be forgotten here.
   * @default tableDefinition()
   */
  readonly definition?: {
    readonly partitionKey: string;
    readonly sortKey: string;
    readonly ttlAttribute: string;
    readonly globalSecondaryIndexes: readonly GsiDefinition[];
  };
  /**
   * The table holds every user's data: keep it when the stack goes away.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * DynamoDB deletion protection: the table cannot be deleted (by CloudFormation or anyone)
   * until it is turned off.
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/** The single DynamoDB table: on-demand, point-in-time recovery, TTL, a stream (the outbox), one GSI per entity index. */
export class DataTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: DataTableProps = {}) {
    super(scope, id);
    const definition = props.definition ?? tableDefinition();
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: definition.partitionKey, type: AttributeType.STRING },
      sortKey: { name: definition.sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: definition.ttlAttribute,
      // The transactional outbox: the stream consumer sees every committed change, both images.
      dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      deletionProtection: props.deletionProtection ?? true,
      globalSecondaryIndexes: definition.globalSecondaryIndexes.map((gsi) => ({
        indexName: gsi.indexName,
        partitionKey: { name: gsi.partitionKey, type: AttributeType.STRING },
        sortKey: { name: gsi.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      })),
    });
  }
}
