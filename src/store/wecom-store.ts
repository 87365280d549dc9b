// SQL for the WeCom channel's own records: button cards sent and the clicks on them.
import type { Db } from './db.ts';

export interface WecomCardButton {
  key: string;
  label: string;
}

export interface WecomCardClick {
  id: number;
  taskId: string;
  wecomUserId: string;
  eventKey: string;
  label: string | null;
  responseCode: string | null;
  updateStatus: 'pending' | 'updated' | 'failed' | 'skipped';
  updateError: string | null;
  clickedAt: number;
}

interface ClickRow {
  id: number;
  task_id: string;
  wecom_user_id: string;
  event_key: string;
  label: string | null;
  response_code: string | null;
  update_status: WecomCardClick['updateStatus'];
  update_error: string | null;
  clicked_at: number;
}

const toClick = (r: ClickRow): WecomCardClick => ({
  id: r.id,
  taskId: r.task_id,
  wecomUserId: r.wecom_user_id,
  eventKey: r.event_key,
  label: r.label,
  responseCode: r.response_code,
  updateStatus: r.update_status,
  updateError: r.update_error,
  clickedAt: r.clicked_at,
});

export function createWecomStore(db: Db, now: () => number = Date.now) {
  const insertCard = db.prepare(
    'INSERT INTO wecom_cards (task_id, wecom_user_id, ref_id, buttons, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(task_id) DO NOTHING',
  );
  const cardButtons = db.prepare<[string], { buttons: string }>('SELECT buttons FROM wecom_cards WHERE task_id = ?');
  const insertClick = db.prepare(
    'INSERT INTO wecom_card_clicks (task_id, wecom_user_id, event_key, label, response_code, update_status, clicked_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const setUpdate = db.prepare('UPDATE wecom_card_clicks SET update_status = ?, update_error = ? WHERE id = ?');
  const clicksOf = db.prepare<[string], ClickRow>('SELECT * FROM wecom_card_clicks WHERE task_id = ? ORDER BY id');

  return {
    recordCard(taskId: string, wecomUserId: string, refId: string | undefined, buttons: WecomCardButton[]): void {
      insertCard.run(taskId, wecomUserId, refId ?? null, JSON.stringify(buttons), now());
    },
    buttonsOf(taskId: string): WecomCardButton[] | null {
      const r = cardButtons.get(taskId);
      return r ? (JSON.parse(r.buttons) as WecomCardButton[]) : null;
    },
    recordClick(c: { taskId: string; wecomUserId: string; eventKey: string; label: string | null; responseCode: string | null }): number {
      const status = c.responseCode ? 'pending' : 'skipped';
      return Number(insertClick.run(c.taskId, c.wecomUserId, c.eventKey, c.label, c.responseCode, status, now()).lastInsertRowid);
    },
    markClickUpdate(id: number, status: 'updated' | 'failed', error?: string): void {
      setUpdate.run(status, error?.slice(0, 500) ?? null, id);
    },
    clicksOf: (taskId: string): WecomCardClick[] => clicksOf.all(taskId).map(toClick),
  };
}

export type WecomStore = ReturnType<typeof createWecomStore>;
