/**
 * A list of codes as the object `registerEnumType` takes (`{ DRAFT: 'DRAFT', … }`), so that a GraphQL enum is declared
 * from the one list the domain keeps (`VERSION_STATUSES`, `AUDIT_ACTOR_KINDS`), never from a copy of it.
 */
export const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
