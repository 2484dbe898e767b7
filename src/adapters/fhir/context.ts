import type { Recency } from './recency.js';
import type { Entry, ResourceIndex } from './references.js';

/** What every part of the adapter needs to map one patient's resources. */
export interface MappingContext {
  readonly index: ResourceIndex;
  /** The Patient the request is about. */
  readonly patient: Entry;
  /** "Today" as `YYYY-MM-DD`. */
  readonly asOf: string;
  /** "Today" as days since 1970-01-01. */
  readonly asOfDay: number;
  readonly recency: Recency;
  /** The patient's resources of one type (resources about other patients are left out). */
  readonly entriesOf: (resourceType: string) => readonly Entry[];
}
