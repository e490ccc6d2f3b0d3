import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { DataTable, type DataTableProps } from '../constructs/data-table';
import { Identity } from '../constructs/identity';
import { Storage } from '../constructs/storage';

export interface StatefulStackProps extends StackProps {
  /** Browser origins of the web client (S3 CORS). */
  readonly webOrigins: readonly string[];
  /**
   * Cognito threat protection (Plus plan).
   * @default false
   */
  readonly threatProtection?: boolean;
  /**
   * Table shape.
   * @default tableDefinition() from the ElectroDB entities
   */
  readonly tableDefinition?: DataTableProps['definition'];
  /**
   * Stage name. Every stage but `dev` pins the table with RETAIN and DynamoDB deletion
   * protection; `dev` (personal stages that come and go) keeps RETAIN only, so the table can be
   * deleted by hand without first changing a setting.
   * @default 'dev'
   */
  readonly stage?: string;
}

/**
 * Everything that holds data: the table, the user pool, the bucket. Kept apart from the
 * stateless stack so APIs and functions can be replaced freely without touching user data.
 */
export class StatefulStack extends Stack {
  readonly table: TableV2;
  readonly identity: Identity;
  readonly storage: Storage;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const disposable = (props.stage ?? 'dev') === 'dev';
    this.table = new DataTable(this, 'Data', {
      definition: props.tableDefinition,
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: !disposable,
    }).table;
    this.identity = new Identity(this, 'Identity', { threatProtection: props.threatProtection });
    this.storage = new Storage(this, 'Storage', { webOrigins: props.webOrigins });
  }
}
