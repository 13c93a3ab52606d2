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
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/** A list field without a size hint multiplies the cost of what it selects by this factor (a typical page size). */
const LIST_FACTOR = 10;

/** The default limit of a subgraph reached directly; above the gateway's, because a subgraph also serves the gateway's batched entity fetches. */
export const DEFAULT_SUBGRAPH_MAX_COST = 10_000;

/** A list field's `@listSize` hint (federation demand control), by schema coordinate `Type.field`. */
export interface ListSizeHint {
  assumedSize?: number;
  slicingArguments?: string[];
}
export type ListSizeHints = ReadonlyMap<string, ListSizeHint>;

/** Reads every `@listSize(assumedSize:, slicingArguments:)` of an SDL (a subgraph's or the composed supergraph). */
export function readListSizeHints(sdl: DocumentNode): ListSizeHints {
  const hints = new Map<string, ListSizeHint>();
  for (const def of sdl.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION && def.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    for (const field of def.fields ?? []) {
      const directive = field.directives?.find((d) => d.name.value === 'listSize' || d.name.value === 'federation__listSize');
      if (!directive) continue;
      const hint: ListSizeHint = {};
      for (const arg of directive.arguments ?? []) {
        if (arg.name.value === 'assumedSize' && arg.value.kind === Kind.INT) hint.assumedSize = Number(arg.value.value);
        if (arg.name.value === 'slicingArguments' && arg.value.kind === Kind.LIST) {
          hint.slicingArguments = arg.value.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : []));
        }
      }
      hints.set(`${def.name.value}.${field.name.value}`, hint);
    }
  }
  return hints;
}

/**
 * How many items a list field is expected to return: the largest slicing argument given as a literal
 * (or its default), else the hint's assumed size, else LIST_FACTOR. A slicing argument passed as a
 * variable is unknown to a validation rule, so the assumed size (or LIST_FACTOR) stands in for it.
 */
function listSize(hint: ListSizeHint | undefined, def: GraphQLField<unknown, unknown>, node: FieldNode): number {
  const sizes: number[] = [];
  for (const name of hint?.slicingArguments ?? []) {
    const given = node.arguments?.find((a) => a.name.value === name)?.value;
    if (given?.kind === Kind.INT) sizes.push(Number(given.value));
    else if (!given) {
      const fallback = def.args.find((a) => a.name === name)?.defaultValue;
      if (typeof fallback === 'number') sizes.push(fallback);
    }
  }
  return sizes.length ? Math.max(...sizes) : (hint?.assumedSize ?? LIST_FACTOR);
}

function fieldType(schema: GraphQLSchema, parent: GraphQLCompositeType | undefined, name: string) {
  if (!parent) return undefined;
  if (name === '__schema') return schema.getType('__Schema') ? { type: schema.getType('__Schema')! } : undefined;
  if (name === '__type') return schema.getType('__Type') ? { type: schema.getType('__Type')! } : undefined;
  if (isObjectType(parent) || isInterfaceType(parent)) return parent.getFields()[name];
  return undefined;
}

/**
 * A static cost estimate from the schema: each object field costs 1 (scalars 0), and whatever a list field selects counts
 * as many times as the list is expected to hold (see listSize). Rejects the operation before any
 * subgraph is called.
 */
export function costLimitRule(maxCost: number, hints: ListSizeHints = new Map()) {
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
          const size = isList && def && parent ? listSize(hints.get(`${parent.name}.${sel.name.value}`), def as GraphQLField<unknown, unknown>, sel) : 1;
          // As in federation demand control: each object returned costs 1, a scalar or enum field 0.
          const leaf = !named || !isCompositeType(named);
          total += leaf ? 0 : size * (1 + inner);
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
