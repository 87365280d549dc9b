// SQL for users and teams. Reporting lines are walked here so callers get plain lists.
import type { Db } from './db.ts';
import type { Role, User } from '../domain/types.ts';

interface UserRow {
  id: string;
  name: string;
  role: Role;
  manager_id: string | null;
  team_name: string | null;
  hired_at: string | null;
  wecom_user_id: string | null;
  dingtalk_staff_id: string | null;
  active: number;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  name: r.name,
  role: r.role,
  managerId: r.manager_id,
  teamName: r.team_name,
  hiredAt: r.hired_at,
  wecomUserId: r.wecom_user_id,
  dingtalkStaffId: r.dingtalk_staff_id,
  active: r.active === 1,
});

export type UserInput = Omit<User, 'active'> & { active?: boolean };

export function createUsersStore(db: Db, now: () => number = Date.now) {
  const byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
  const byWecom = db.prepare<[string], UserRow>('SELECT * FROM users WHERE wecom_user_id = ? COLLATE NOCASE ORDER BY active DESC, id');
  const byDingtalk = db.prepare<[string], UserRow>('SELECT * FROM users WHERE dingtalk_staff_id = ?');
  const byName = db.prepare<[string], UserRow>('SELECT * FROM users WHERE name = ? ORDER BY active DESC, id');
  const all = db.prepare<[], UserRow>("SELECT * FROM users ORDER BY team_name, CASE role WHEN 'admin' THEN 0 WHEN 'manager' THEN 1 ELSE 2 END, name");
  const upsertTeam = db.prepare('INSERT INTO teams (name, created_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING');
  const upsert = db.prepare(`
    INSERT INTO users (id, name, role, manager_id, team_name, hired_at, wecom_user_id, dingtalk_staff_id, active, updated_at)
    VALUES (@id, @name, @role, @managerId, @teamName, @hiredAt, @wecomUserId, @dingtalkStaffId, @active, @updatedAt)
    ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role, manager_id = excluded.manager_id,
      team_name = excluded.team_name, hired_at = excluded.hired_at, wecom_user_id = excluded.wecom_user_id,
      dingtalk_staff_id = excluded.dingtalk_staff_id, active = excluded.active, updated_at = excluded.updated_at`);
  const directReports = db.prepare<[string], UserRow>('SELECT * FROM users WHERE manager_id = ? ORDER BY name');
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM users');
  const setActive = db.prepare('UPDATE users SET active = ?, updated_at = ? WHERE id = ?');

  return {
    get: (id: string): User | null => {
      const r = byId.get(id);
      return r ? toUser(r) : null;
    },
    findByWecomUserId: (id: string): User | null => {
      const r = byWecom.get(id);
      return r ? toUser(r) : null;
    },
    findByDingtalkStaffId: (id: string): User | null => {
      const r = byDingtalk.get(id);
      return r ? toUser(r) : null;
    },
    findByName: (name: string): User[] => byName.all(name).map(toUser),
    list: (): User[] => all.all().map(toUser),
    count: (): number => count.get()?.n ?? 0,
    upsert(input: UserInput): void {
      if (input.teamName) upsertTeam.run(input.teamName, now());
      upsert.run({
        ...input,
        active: input.active === false ? 0 : 1,
        updatedAt: now(),
      });
    },
    setActive(id: string, active: boolean): void {
      setActive.run(active ? 1 : 0, now(), id);
    },
    /** Everyone below a manager in the reporting lines, any depth, cycles ignored. */
    reportsOf(managerId: string): User[] {
      const seen = new Set<string>([managerId]);
      const result: User[] = [];
      const queue = [managerId];
      while (queue.length) {
        const id = queue.shift()!;
        for (const row of directReports.all(id)) {
          if (seen.has(row.id)) continue;
          seen.add(row.id);
          result.push(toUser(row));
          queue.push(row.id);
        }
      }
      return result;
    },
  };
}

export type UsersStore = ReturnType<typeof createUsersStore>;
