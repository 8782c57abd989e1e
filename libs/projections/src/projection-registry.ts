import { lockKey } from './advisory-locks';
import type { Projection } from './projection';

// Names become checkpoint keys, lock keys and parts of schema names (projection_rebuild_<name>),
// so they are plain lower-case identifiers short enough for PostgreSQL's 63-byte names.
const NAME = /^[a-z][a-z0-9_]{0,39}$/;
const TABLE = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * A validated set of projections: unique names and lock keys, each table owned by one
 * projection. Given a function, it builds (and validates) the set on first use instead, so
 * a list that imports capability libraries does not depend on module load order.
 */
export class ProjectionRegistry {
  private built: Map<string, Projection> | null = null;

  constructor(private readonly projections: readonly Projection[] | (() => readonly Projection[])) {
    if (typeof projections !== 'function') this.built = validated(projections);
  }

  private get byName(): Map<string, Projection> {
    this.built ??= validated(typeof this.projections === 'function' ? this.projections() : this.projections);
    return this.built;
  }

  all(): Projection[] {
    return [...this.byName.values()];
  }

  get(name: string): Projection {
    const projection = this.byName.get(name);
    if (!projection) throw new UnknownProjection(name, [...this.byName.keys()]);
    return projection;
  }

  /** `all` or one name (the CLI's argument). */
  select(nameOrAll: string): Projection[] {
    return nameOrAll === 'all' ? this.all() : [this.get(nameOrAll)];
  }
}

export class UnknownProjection extends Error {
  readonly code = 'PROJECTIONS.UNKNOWN';
  constructor(readonly projection: string, known: string[]) {
    super(`unknown projection ${JSON.stringify(projection)}; known: ${known.join(', ') || '(none)'}`);
    this.name = 'UnknownProjection';
  }
}

function validated(projections: readonly Projection[]): Map<string, Projection> {
  const byName = new Map<string, Projection>();
  const keys = new Map<number, string>();
  const owners = new Map<string, string>();
  for (const projection of projections) {
    const { name, tables } = projection;
    if (!NAME.test(name)) throw new Error(`projection name ${JSON.stringify(name)} must match ${NAME}`);
    if (byName.has(name)) throw new Error(`projection ${name} is registered twice`);
    const key = lockKey(name);
    const clash = keys.get(key);
    if (clash) throw new Error(`projections ${clash} and ${name} hash to the same lock key; rename one`);
    if (tables.length === 0) throw new Error(`projection ${name} owns no table`);
    for (const table of tables) {
      if (!TABLE.test(table)) throw new Error(`projection ${name}: table ${JSON.stringify(table)} must match ${TABLE}`);
      const owner = owners.get(table);
      if (owner) throw new Error(`table ${table} is owned by both ${owner} and ${name}`);
      owners.set(table, name);
    }
    keys.set(key, name);
    byName.set(name, projection);
  }
  return byName;
}
