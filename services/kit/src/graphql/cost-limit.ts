import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/** A list field multiplies the cost of what it selects by this factor (a typical page size). */
const LIST_FACTOR = 10;

function fieldType(schema: GraphQLSchema, parent: GraphQLCompositeType | undefined, name: string) {
  if (!parent) return undefined;
  if (name === '__schema') return schema.getType('__Schema') ? { type: schema.getType('__Schema')! } : undefined;
  if (name === '__type') return schema.getType('__Type') ? { type: schema.getType('__Type')! } : undefined;
  if (isObjectType(parent) || isInterfaceType(parent)) return parent.getFields()[name];
  return undefined;
}

/**
 * A static cost estimate from the schema: each field costs 1, and whatever a list field selects
 * counts LIST_FACTOR times. Rejects the operation before any subgraph is called.
 */
export function costLimitRule(maxCost: number) {
  return (context: ValidationContext): ASTVisitor => {
    const schema = context.getSchema();
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    const typeNamed = (name: string | undefined, fallback: GraphQLCompositeType | undefined) => {
      const t = name ? schema.getType(name) : undefined;
      return t && isCompositeType(t) ? t : fallback;
    };
    const costOf = (set: SelectionSetNode | undefined, parent: GraphQLCompositeType | undefined, seen: Set<string>): number => {
      if (!set) return 0;
      let total = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          const def = fieldType(schema, parent, sel.name.value);
          const named = def ? getNamedType(def.type) : undefined;
          const inner = costOf(sel.selectionSet, named && isCompositeType(named) ? named : undefined, seen);
          const isList = def ? isListType(getNullableType(def.type)) : false;
          total += 1 + (isList ? LIST_FACTOR * inner : inner);
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          total += costOf(sel.selectionSet, typeNamed(sel.typeCondition?.name.value, parent), seen);
        } else {
          const frag = fragments.get(sel.name.value);
          if (frag && !seen.has(sel.name.value)) {
            total += costOf(frag.selectionSet, typeNamed(frag.typeCondition.name.value, parent), new Set(seen).add(sel.name.value));
          }
        }
      }
      return total;
    };
    return {
      OperationDefinition(node) {
        const root = node.operation === 'mutation' ? schema.getMutationType() : node.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
        const cost = costOf(node.selectionSet, root ?? undefined, new Set());
        if (cost > maxCost) {
          context.reportError(
            new GraphQLError(`This query's estimated cost is ${cost}; the limit is ${maxCost}. Ask for fewer fields or smaller lists.`, {
              nodes: [node],
              extensions: { code: 'QUERY_TOO_COSTLY' },
            }),
          );
        }
      },
    };
  };
}
