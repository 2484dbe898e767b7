// A constant only, free of zod, so that a bundle using it stays small.

/** The json-rules-engine operators a rule may use; operator decorators and custom operators are refused. */
export const OPERATORS = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
] as const;
