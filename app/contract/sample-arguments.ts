/**
 * For tests: a valid argument list for any command, built from its schema alone, so a test can drive
 * every command of COMMAND_NAMES (a new one included) through a transport without knowing it.
 * Every optional field is filled, and every string names its field, so a test sees each value arrive.
 */
import type { z } from 'zod';
import type { CommandName } from '../shared/contract.ts';
import { COMMAND_SCHEMAS } from './command-schemas.ts';

/** The parts of zod's schema definitions read here (zod 4 keeps them on `_zod.def`). */
interface SchemaDefinition {
  readonly type: string;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly items?: readonly z.ZodType[];
  readonly element?: z.ZodType;
  readonly innerType?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly entries?: Readonly<Record<string, string>>;
  readonly values?: readonly unknown[];
}

function definitionOf(schema: z.ZodType): SchemaDefinition {
  return (schema as unknown as { readonly _zod: { readonly def: SchemaDefinition } })._zod.def;
}

function sampleOf(schema: z.ZodType, where: string): unknown {
  const definition = definitionOf(schema);
  const inner = (child: z.ZodType | undefined): unknown => {
    if (child === undefined) throw new Error(`${where}: a ${definition.type} schema without its inner schema`);
    return sampleOf(child, where);
  };
  switch (definition.type) {
    case 'string':
      return `${where} sample`;
    case 'number':
      return 7;
    case 'boolean':
      return true;
    case 'enum':
      return Object.values(definition.entries ?? {}).at(-1);
    case 'literal':
      return definition.values?.[0];
    case 'optional':
    case 'nullable':
    case 'readonly':
      return inner(definition.innerType);
    case 'array':
      return [inner(definition.element)];
    case 'record':
      return { sampleKey: inner(definition.valueType) };
    case 'union':
      return inner(definition.options?.[0]);
    case 'tuple':
      return (definition.items ?? []).map((item, index) => sampleOf(item, `${where}[${index}]`));
    case 'object':
      return Object.fromEntries(Object.entries(definition.shape ?? {}).map(([key, field]) => [key, sampleOf(field, `${where}.${key}`)]));
    default:
      throw new Error(`${where}: no sample for a ${definition.type} schema; teach sample-arguments.ts about it`);
  }
}

export function sampleArguments(command: CommandName): unknown[] {
  const args = sampleOf(COMMAND_SCHEMAS[command], command);
  if (!Array.isArray(args)) throw new Error(`${command}: its schema is not an argument list`);
  return args;
}
