import * as z from 'zod';
import { AGENTS, VEIN_KINDS, type Agent, type VeinKind } from './vocabulary.js';

/** The numeric columns of an agent-table cell; each is a limit an overlay may only lower. */
export const AGENT_CELL_COLUMNS = ['labelledPercent', 'perInjectionFirstMl', 'perInjectionLaterMl', 'perInjectionAt3PercentMl'] as const;
/** A numeric column of an agent-table cell. */
export type AgentCellColumn = (typeof AGENT_CELL_COLUMNS)[number];

const positive = z.number().positive();

/**
 * One cell of the agent table (RULES.md, "Agent table"): an agent, a formulation and a strength
 * class. An absent number means "no value": the rule that reads it does not check that combination.
 */
export const AgentCellSchema = z.strictObject({
  /** The labelled strength; above it dose.concentration-for-vein-size cautions. */
  labelledPercent: positive.optional(),
  /** Per-injection maximum at the first session of the agent. */
  perInjectionFirstMl: positive.optional(),
  /** Per-injection maximum at later sessions. */
  perInjectionLaterMl: positive.optional(),
  /** Per-injection maximum at 3 % (sodium tetradecyl sulfate, varicose veins). */
  perInjectionAt3PercentMl: positive.optional(),
  /** Label status in the US, for information. */
  usLabel: z.string().min(1),
  /** Label status in the EU and UK, for information. */
  euLabel: z.string().min(1),
  sources: z.array(z.string().min(1)).min(1),
  /** Whether the values are verified against a source or chosen by design, and how. */
  basis: z.string().min(1),
});
/** One cell of the agent table. */
export type AgentCell = z.infer<typeof AgentCellSchema>;

const ByClassSchema = z.strictObject(
  Object.fromEntries(VEIN_KINDS.map((kind) => [kind, AgentCellSchema])) as Record<VeinKind, typeof AgentCellSchema>,
);

/** One agent: its names, its input maximum, whether it foams, its label sources and its cells. */
export const AgentEntrySchema = z
  .strictObject({
    /** The agent in words, as text names it. */
    words: z.string().min(1),
    /** The agent with its brands, where labels are brands'. */
    brand: z.string().min(1),
    /** The highest strength the input accepts (CONTRACT §3.4, implausible_concentration). */
    maxInputPercent: positive,
    /** Whether the agent can be made into foam (only detergents can). */
    foamable: z.boolean(),
    /** The keys of this agent's product labels, for filtering sources by agent. */
    labelSources: z.array(z.string().min(1)),
    cells: z.strictObject({ liquid: ByClassSchema, foam: ByClassSchema.optional() }),
  })
  .refine((entry) => entry.foamable === (entry.cells.foam !== undefined), {
    message: 'An agent has foam cells exactly when it is foamable',
    path: ['cells', 'foam'],
  });
/** One agent of the table. */
export type AgentEntry = z.infer<typeof AgentEntrySchema>;

/** The agent table file, `rules/agents.json`: every agent of the request vocabulary, once. */
export const AgentsFileSchema = z.strictObject(
  Object.fromEntries(AGENTS.map((agent) => [agent, AgentEntrySchema])) as Record<Agent, typeof AgentEntrySchema>,
);
/** The agent table. */
export type AgentsFile = z.infer<typeof AgentsFileSchema>;

/**
 * The cell for an agent, formulation and strength class.
 * @param table - the agent table
 * @param agent - the agent
 * @param formulation - liquid or foam
 * @param kind - the strength class
 * @returns the cell, or undefined when the agent has no such formulation
 */
export const agentCell = (table: AgentsFile, agent: Agent, formulation: 'liquid' | 'foam', kind: VeinKind): AgentCell | undefined =>
  table[agent].cells[formulation]?.[kind];

/** The formulations of the agent table. */
export const AGENT_FORMULATIONS = ['liquid', 'foam'] as const;
/** A formulation of the agent table. */
export type AgentFormulation = (typeof AGENT_FORMULATIONS)[number];

/** The unit of each numeric column, for findings and catalogues. */
export const AGENT_CELL_UNITS: Readonly<Record<AgentCellColumn, string>> = {
  labelledPercent: '%',
  perInjectionFirstMl: 'mL',
  perInjectionLaterMl: 'mL',
  perInjectionAt3PercentMl: 'mL',
};

/** Where one numeric value of the agent table lives. */
export interface AgentCellAddress {
  readonly agent: Agent;
  readonly formulation: AgentFormulation;
  readonly kind: VeinKind;
  readonly column: AgentCellColumn;
}

/**
 * The name of one numeric value of the agent table, as overlays and findings write it, e.g.
 * `polidocanol.liquid.telangiectasia.perInjectionLaterMl` (RULES.md "Agent table", without the
 * leading `agents.`).
 * @param address - the agent, formulation, strength class and column
 * @returns the name
 */
export const agentCellName = (address: AgentCellAddress): string =>
  `${address.agent}.${address.formulation}.${address.kind}.${address.column}`;

/**
 * Reads a cell name; the leading `agents.` of RULES.md may be written or left out.
 * @param name - e.g. `polidocanol.liquid.telangiectasia.perInjectionLaterMl`
 * @returns the address, or undefined when the name is not of that shape
 */
export const parseAgentCellName = (name: string): AgentCellAddress | undefined => {
  const parts = name.startsWith('agents.') ? name.slice('agents.'.length).split('.') : name.split('.');
  if (parts.length !== 4) return undefined;
  const [agent, formulation, kind, column] = parts as [string, string, string, string];
  if (!(AGENTS as readonly string[]).includes(agent)) return undefined;
  if (!(AGENT_FORMULATIONS as readonly string[]).includes(formulation)) return undefined;
  if (!(VEIN_KINDS as readonly string[]).includes(kind)) return undefined;
  if (!(AGENT_CELL_COLUMNS as readonly string[]).includes(column)) return undefined;
  return { agent: agent as Agent, formulation: formulation as AgentFormulation, kind: kind as VeinKind, column: column as AgentCellColumn };
};

/**
 * Every numeric value of the table, with its address.
 * @param table - the agent table
 * @returns the addresses and values, agent by agent
 */
export const agentCellValues = (table: AgentsFile): readonly (AgentCellAddress & { readonly value: number })[] =>
  AGENTS.flatMap((agent) =>
    AGENT_FORMULATIONS.flatMap((formulation) =>
      VEIN_KINDS.flatMap((kind) => {
        const cell = agentCell(table, agent, formulation, kind);
        if (cell === undefined) return [];
        return AGENT_CELL_COLUMNS.flatMap((column) => {
          const value = cell[column];
          return value === undefined ? [] : [{ agent, formulation, kind, column, value }];
        });
      }),
    ),
  );
