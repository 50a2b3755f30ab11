// Township scope (SPEC §8: a clerk sees and edits only the townships assigned), written once. Every reader
// filters with whereInScope or scope.codes(), every writer asks requireInScope (or scope.require), and an
// import asks refusal() row by row. dispatch hands each handler the scope its channel is registered with
// (registry.ts): the actor's for `scoped` and `scopedWrite` channels; for `county` channels a scope that
// refuses to be used, so a channel cannot read township data without saying so where it is registered.
import { sql, type RawBuilder, type ReferenceExpression, type SelectQueryBuilder } from 'kysely';
import { workbenchError, type WorkbenchError } from '../../shared/domain/errors';
import type { Role } from '../../shared/contract/access';
import { WorkbenchFailure } from './failure';

/** Township codes an actor works in; null for the whole county (managers and administrators). */
export type Townships = readonly string[] | null;

/** Anything that carries townships: an Actor, a TownshipScope, or the list itself. */
export type ScopeSource = { readonly townships: Townships } | Townships;

function townshipsOf(source: ScopeSource): Townships {
  return source === null || Array.isArray(source) ? (source as Townships) : (source as { townships: Townships }).townships;
}

/** May this actor (or scope) see or change records of this township? */
export function inScope(source: ScopeSource, townshipCode: string): boolean {
  const townships = townshipsOf(source);
  return townships === null || townships.includes(townshipCode);
}

/** Refuses (OUT_OF_SCOPE, naming the township when known) a record outside the actor's townships. */
export function requireInScope(source: ScopeSource, townshipCode: string, townshipName?: string): void {
  if (!inScope(source, townshipCode)) throw new WorkbenchFailure('OUT_OF_SCOPE', { township: townshipName ?? townshipCode });
}

/** A query narrowed to the actor's townships on the given column (no townships: no rows). */
export function whereInScope<DB, TB extends keyof DB, O>(qb: SelectQueryBuilder<DB, TB, O>, source: ScopeSource, column: ReferenceExpression<DB, TB>): SelectQueryBuilder<DB, TB, O> {
  const townships = townshipsOf(source);
  if (townships === null) return qb;
  // kysely cannot type an `in` against a column chosen by the caller; the values are plain township codes.
  return qb.where(column, 'in', (townships.length ? [...townships] : ['']) as never);
}

/** The same filter as a condition inside a larger expression (a count of in-scope rows among all). */
export function scopeCondition(source: ScopeSource, column: string): RawBuilder<boolean> {
  const townships = townshipsOf(source);
  if (townships === null) return sql<boolean>`1 = 1`;
  return sql<boolean>`${sql.ref(column)} in (${sql.join(townships.length ? [...townships] : [''])})`;
}

/** The same filter as SQL text for a driver statement on a hot path: the clause and its parameters. */
export function scopeClause(source: ScopeSource, column: string): { sql: string; params: string[] } {
  const townships = townshipsOf(source);
  if (townships === null) return { sql: '1 = 1', params: [] };
  return townships.length ? { sql: `${column} in (${townships.map(() => '?').join(',')})`, params: [...townships] } : { sql: '0 = 1', params: [] };
}

/** The scope a handler works in: the actor's townships with the checks bound to them. */
export interface TownshipScope {
  readonly townships: Townships;
  has(townshipCode: string): boolean;
  /** Throws OUT_OF_SCOPE for a township outside the scope. */
  require(townshipCode: string): void;
  /** The coded refusal for one row of an import, or null when the row is in scope. */
  refusal(townshipCode: string): WorkbenchError | null;
  /** The county's townships in scope, in the county's order. */
  codes(): string[];
}

interface CountyShape {
  townships: readonly { code: string }[];
  divisions: { townshipNameOf(code: string): string };
}

export function townshipScope(county: CountyShape, source: ScopeSource): TownshipScope {
  const townships = townshipsOf(source);
  const name = (code: string) => county.divisions.townshipNameOf(code);
  return {
    townships,
    has: (code) => inScope(townships, code),
    require: (code) => requireInScope(townships, code, name(code)),
    refusal: (code) => inScope(townships, code) ? null : workbenchError('OUT_OF_SCOPE', { township: name(code) }),
    codes: () => county.townships.map((t) => t.code).filter((code) => inScope(townships, code)),
  };
}

/**
 * The scope of a channel registered `county` (not township data): using it is a programming error, caught
 * by the first call (and by the registry test), never a silent county-wide read by a clerk.
 */
export function undeclaredScope(channel: string): TownshipScope {
  const refuse = (): never => {
    throw new WorkbenchFailure('INTERNAL', { detail: `通道 ${channel} 登记为全县范围（county），却按乡镇范围读写数据` });
  };
  return {
    get townships(): Townships { return refuse(); },
    has: refuse, require: refuse, refusal: refuse, codes: refuse,
  };
}

/** Refuses a caller whose role is not among these (a second line behind the registration's access). */
export function requireRole(actor: { role: Role }, roles: readonly Role[]): void {
  if (!roles.includes(actor.role)) throw new WorkbenchFailure('FORBIDDEN');
}
