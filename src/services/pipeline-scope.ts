// Whose pipeline a view covers: a rep sees their own; a manager their team (or one of their
// reps, or themselves); an admin everyone (or one team, or one person). Also who may move a deal.
import { UserError } from '../core/errors.ts';
import type { User } from '../domain/types.ts';
import type { Store } from '../store/index.ts';

export interface Scope {
  kind: 'person' | 'team' | 'org';
  /** Shown in titles: 李娜 / 王强的团队 / 华东大区 / 全员. */
  title: string;
  /** Whose deals count. */
  members: User[];
}

const activeReps = (users: User[]) => users.filter((u) => u.role === 'rep' && u.active);

export function resolveScope(store: Store, caller: User, arg?: string): Scope {
  const self: Scope = { kind: 'person', title: caller.name, members: [caller] };
  const name = arg?.trim();
  if (caller.role === 'rep') {
    if (name && name !== caller.name && name !== '我') throw new UserError('forbidden', '你只能查看自己的商机。');
    return self;
  }
  if (name === '我' || name === caller.name) return self;
  const visible = caller.role === 'admin' ? store.users.list().filter((u) => u.id !== caller.id) : store.users.reportsOf(caller.id);
  if (!name) {
    const reps = activeReps(visible);
    if (reps.length === 0) return self;
    return caller.role === 'admin' ? { kind: 'org', title: '全员', members: reps } : { kind: 'team', title: caller.teamName ?? `${caller.name}团队`, members: reps };
  }
  const person = visible.find((u) => u.name === name || u.id === name);
  if (person) return { kind: 'person', title: person.name, members: [person] };
  const team = activeReps(visible.filter((u) => u.teamName === name));
  if (team.length) return { kind: 'team', title: name, members: team };
  const teams = [...new Set(visible.map((u) => u.teamName).filter(Boolean))];
  throw new UserError('not_found', `没有找到你可查看的「${name}」。可填下属姓名${teams.length ? `或团队（${teams.join('、')}）` : ''}。`);
}

/** The owner, their managers up the line, and admins may move a deal. */
export function canManage(store: Store, caller: User, ownerId: string): boolean {
  if (caller.id === ownerId || caller.role === 'admin') return true;
  if (caller.role !== 'manager') return false;
  return store.users.reportsOf(caller.id).some((u) => u.id === ownerId);
}

/** The reps a rep is compared with: the other active reps under the same manager (or everyone). */
export function peersOf(store: Store, user: User): User[] {
  const group = user.managerId ? store.users.reportsOf(user.managerId) : store.users.list();
  const peers = activeReps(group);
  return peers.some((p) => p.id === user.id) ? peers : [...peers, user];
}
