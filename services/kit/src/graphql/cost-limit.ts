import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

/** A list field multiplies the cost of what it selects by this factor (its typical page size). */
const LIST_FACTOR = 10;

/**
 * A static cost estimate: each field costs 1, and the selections under a field whose name is plural
 * (a list by convention here) are multiplied by LIST_FACTOR. Cheap, schema-free, and conservative.
 */
export function costLimitRule(maxCost: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    const costOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
      if (!set) return 0;
      let total = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          const inner = costOf(sel.selectionSet, seen);
          const isList = sel.selectionSet !== undefined && /s$/.test(sel.name.value);
          total += 1 + (isList ? LIST_FACTOR * inner : inner);
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          total += costOf(sel.selectionSet, seen);
        } else {
          const frag = fragments.get(sel.name.value);
          if (frag && !seen.has(sel.name.value)) total += costOf(frag.selectionSet, new Set(seen).add(sel.name.value));
        }
      }
      return total;
    };
    return {
      OperationDefinition(node) {
        const cost = costOf(node.selectionSet, new Set());
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
