// change_contact (通讯录回调通知) → the users table, at once, so a new hire can use the bot in
// their first minute. Members are matched by wecomUserId; a rename (NewUserID) moves the id;
// a deleted member is deactivated, never erased. Thin events (UserID + Department only, the
// default since 2022-08) are completed with user/get.
import type { Logger } from '../../logger.ts';
import type { Store } from '../../store/index.ts';
import type { User } from '../../domain/types.ts';
import type { ContactEventPayload, UserResult } from './wire-types.ts';

export interface ContactSyncDeps {
  store: Store;
  logger: Logger;
  /** Business date 'YYYY-MM-DD': the hire date of a member created today. */
  today: string;
  getUser(userid: string): Promise<UserResult>;
}

export interface ContactDetails {
  name?: string;
  /** WeCom member status: 1 active, 2 disabled, 4 not yet activated, 5 left. */
  status?: number;
  directLeaders: string[];
}

function fromEvent(p: ContactEventPayload): ContactDetails {
  return {
    name: p.Name,
    status: p.Status ? Number(p.Status) : undefined,
    directLeaders: (p.DirectLeader ?? '').split(/[,|]/).map((s) => s.trim()).filter(Boolean),
  };
}

function fromApi(r: UserResult): ContactDetails {
  return { name: r.name || undefined, status: r.status, directLeaders: r.direct_leader ?? [] };
}

/** Our id for a member first seen through WeCom: `wecom:<userid>`, suffixed if already taken. */
function freshUserId(store: Store, wecomUserId: string): string {
  const base = `wecom:${wecomUserId}`;
  let id = base;
  for (let n = 2; store.users.get(id); n += 1) id = `${base}~${n}`;
  return id;
}

export async function applyContactChange(p: ContactEventPayload, deps: ContactSyncDeps): Promise<{ userId: string; created: boolean } | null> {
  const { store, logger } = deps;
  const userId = p.UserID!;

  if (p.ChangeType === 'delete_user') {
    const existing = store.users.findByWecomUserId(userId);
    if (!existing) {
      logger.info({ wecomUserId: userId }, 'WeCom member deleted; not in our users table');
      return null;
    }
    store.users.setActive(existing.id, false);
    logger.info({ userId: existing.id, wecomUserId: userId }, 'WeCom member deleted: user deactivated');
    return { userId: existing.id, created: false };
  }

  const wecomId = p.NewUserID ?? userId;
  let details = fromEvent(p);
  if (!details.name) {
    try {
      details = fromApi(await deps.getUser(wecomId));
    } catch (error) {
      // Still apply what the event says (a rename, a new member); a later update fills the name.
      logger.warn({ err: error, wecomUserId: wecomId }, 'user/get failed; applying the contact change without details');
    }
  }

  const existing = store.users.findByWecomUserId(userId) ?? (p.NewUserID ? store.users.findByWecomUserId(p.NewUserID) : null);
  const leader = details.directLeaders.map((l) => store.users.findByWecomUserId(l)).find((u): u is User => u !== null) ?? null;
  const disabled = details.status === 2 || details.status === 5;
  const enabled = details.status === 1;

  if (existing) {
    store.users.upsert({
      ...existing,
      name: details.name ?? existing.name,
      wecomUserId: wecomId,
      managerId: leader?.id ?? existing.managerId,
      active: disabled ? false : enabled || p.ChangeType === 'create_user' ? true : existing.active,
    });
    logger.info({ userId: existing.id, wecomUserId: wecomId, renamedFrom: p.NewUserID ? userId : undefined }, 'WeCom member updated');
    return { userId: existing.id, created: false };
  }

  const id = freshUserId(store, wecomId);
  store.users.upsert({
    id,
    name: details.name ?? wecomId,
    role: 'rep',
    managerId: leader?.id ?? null,
    teamName: leader?.teamName ?? null,
    hiredAt: p.ChangeType === 'create_user' ? deps.today : null,
    wecomUserId: wecomId,
    dingtalkStaffId: null,
    active: !disabled,
  });
  logger.info({ userId: id, wecomUserId: wecomId, changeType: p.ChangeType }, 'WeCom member added as a rep');
  return { userId: id, created: true };
}
