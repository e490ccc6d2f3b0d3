import { KEY_FIELDS, TTL_ATTRIBUTE } from './schema';
import { entities } from './service';

export interface GsiDefinition {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
}

interface RawIndex {
  readonly index?: string;
  readonly pk: { readonly field: string };
  readonly sk?: { readonly field: string };
}

/**
 * The table shape every entity needs: key fields, TTL attribute and one GSI per distinct
 * `index` name across the entities. ElectroDB's provisioning example derives the table the
 * same way, so a new access pattern cannot be forgotten in CDK.
 */
export function tableDefinition(): {
  partitionKey: string;
  sortKey: string;
  ttlAttribute: string;
  globalSecondaryIndexes: GsiDefinition[];
} {
  const gsis = new Map<string, GsiDefinition>();
  for (const entity of Object.values(entities)) {
    const { model, indexes } = entity.schema as unknown as {
      model: { entity: string };
      indexes: Record<string, RawIndex>;
    };
    for (const [accessPattern, def] of Object.entries(indexes)) {
      if (!def.index) continue;
      if (!def.sk) throw new Error(`Index ${accessPattern} of ${model.entity} needs a sort key`);
      const gsi = { indexName: def.index, partitionKey: def.pk.field, sortKey: def.sk.field };
      const existing = gsis.get(def.index);
      if (existing && (existing.partitionKey !== gsi.partitionKey || existing.sortKey !== gsi.sortKey)) {
        throw new Error(`Index ${def.index} is declared with different key fields by ${model.entity}`);
      }
      gsis.set(def.index, gsi);
    }
  }
  return {
    partitionKey: KEY_FIELDS.pk,
    sortKey: KEY_FIELDS.sk,
    ttlAttribute: TTL_ATTRIBUTE,
    globalSecondaryIndexes: [...gsis.values()].sort((a, b) => a.indexName.localeCompare(b.indexName)),
  };
}
