// Contact changes reaching the users table and card clicks, through the running app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvents } from '../../../src/core/events.ts';
import { startWorld, type World } from './world.ts';

describe('WeCom contact changes', () => {
  let w: World;
  const changes: DomainEvents['userChanged'][] = [];
  beforeAll(async () => {
    w = await startWorld();
    w.app.services.events.on('userChanged', (e) => changes.push(e));
  });
  afterAll(async () => w.close());

  const user = (wecomId: string) => w.app.store.users.findByWecomUserId(wecomId);

  it('creates a new hire from a full create_user event, who can then run commands at once', async () => {
    const xml = w.client.contact('create_user', { UserID: 'wangfang', Name: '王芳', Department: '1,2', DirectLeader: 'wangqiang', Status: 1, Position: '销售代表' });
    expect((await w.client.post(xml)).status).toBe(200);
    await w.until(() => user('wangfang') !== null, 'user created');
    expect(user('wangfang')).toMatchObject({ id: 'wecom:wangfang', name: '王芳', role: 'rep', managerId: 'demo-wangqiang', teamName: '华东大区', active: true, hiredAt: '2026-03-02' });
    expect(changes).toContainEqual({ userId: 'wecom:wangfang', created: true });
    expect(w.fake.calls['user/get']).toBe(0);

    await w.client.post(w.client.text('wangfang', '/我的漏斗'));
    await w.fake.waitFor(() => w.fake.delivered('wangfang').length > 0);
    expect(w.fake.contents('wangfang')[0]).toContain('王芳的销售漏斗');
    // The manager sees the new rep in the team view.
    await w.client.post(w.client.text('wangqiang', '/团队漏斗'));
    await w.fake.waitFor(() => w.fake.delivered('wangqiang').length > 0);
    expect(w.fake.contents('wangqiang')[0]).toContain('王芳');
  });

  it('fetches the details with user/get when the event carries only UserID and Department', async () => {
    w.fake.addMember({ userid: 'sunli', name: '孙丽', department: [1], status: 1, direct_leader: ['wangqiang'] });
    await w.client.post(w.client.contact('create_user', { UserID: 'sunli', Department: '1' }));
    await w.until(() => user('sunli') !== null, 'user created');
    expect(w.fake.calls['user/get']).toBe(1);
    expect(user('sunli')).toMatchObject({ name: '孙丽', managerId: 'demo-wangqiang', role: 'rep' });
    await w.client.post(w.client.text('sunli', '/帮助'));
    await w.fake.waitFor(() => w.fake.delivered('sunli').length > 0);
    expect(w.fake.contents('sunli')[0]).toContain('可用命令');
  });

  it('follows a renamed UserID (NewUserID) and keeps the same user', async () => {
    w.fake.addMember({ userid: 'lina.li', name: '李娜', status: 1 });
    await w.client.post(w.client.contact('update_user', { UserID: 'lina', NewUserID: 'lina.li', Department: '1' }));
    await w.until(() => user('lina.li') !== null, 'rename applied');
    expect(user('lina.li')!.id).toBe('demo-lina');
    expect(user('lina')).toBeNull();
    await w.client.post(w.client.text('lina.li', '/我的漏斗'));
    await w.fake.waitFor(() => w.fake.delivered('lina.li').length > 0);
    expect(w.fake.contents('lina.li')[0]).toContain('李娜的销售漏斗');
  });

  it('deactivates a deleted member without erasing them', async () => {
    const deals = w.app.store.opportunities.listByOwner('demo-zhaolei').length;
    expect(deals).toBeGreaterThan(0);
    await w.client.post(w.client.contact('delete_user', { UserID: 'zhaolei' }));
    await w.until(() => w.app.store.users.get('demo-zhaolei')?.active === false, 'deactivated');
    expect(w.app.store.users.get('demo-zhaolei')).toMatchObject({ name: '赵磊', wecomUserId: 'zhaolei' });
    expect(w.app.store.opportunities.listByOwner('demo-zhaolei')).toHaveLength(deals);
    await w.client.post(w.client.text('zhaolei', '/我的漏斗'));
    await w.fake.waitFor(() => w.fake.delivered('zhaolei').length > 0);
    expect(w.fake.contents('zhaolei')[0]).toContain('已停用');
  });

  it('applies a redelivered contact change once', async () => {
    const xml = w.client.contact('update_user', { UserID: 'zhangwei', Name: '张伟', Position: '高级销售' });
    const e = w.client.envelope(xml);
    const before = changes.length;
    await w.client.postRaw(e.body, e.query);
    await w.client.postRaw(e.body, e.query);
    await w.until(() => changes.length > before && w.app.store.inbox.unprocessed().length === 0, 'change applied');
    expect(changes.length - before).toBe(1);
  });
});

describe('WeCom button cards', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld();
  });
  afterAll(async () => w.close());

  it('sends a button card, runs the clicked command, records the click and updates the card', async () => {
    const lina = w.app.store.users.get('demo-lina')!;
    w.app.services.push(lina, {
      kind: 'card',
      card: {
        title: '漏斗复盘',
        body: '本周 T3 储备低于安全水位，是否查看明细？',
        refId: 'review-1',
        buttons: [
          { label: '查看漏斗', command: '/我的漏斗' },
          { label: '稍后再说', command: '/帮助' },
        ],
      },
    });
    await w.fake.waitFor(() => w.fake.delivered('lina').length > 0);
    const card = w.fake.delivered('lina')[0]!;
    expect(card.body.template_card).toMatchObject({ card_type: 'button_interaction', button_list: [{ key: '/我的漏斗' }, { key: '/帮助' }] });
    const taskId = card.body.template_card.task_id as string;
    expect(taskId).toMatch(/^sr_review-1_/);

    const click = w.client.envelope(w.client.cardClick('lina', { eventKey: '/我的漏斗', taskId, responseCode: card.responseCode! }));
    expect((await w.client.postRaw(click.body, click.query)).status).toBe(200);
    await w.fake.waitFor(() => w.fake.delivered('lina').length === 2 && w.fake.cardUpdates.length === 1);
    expect(w.fake.contents('lina')[1]).toContain('李娜的销售漏斗');
    expect(w.fake.cardUpdates[0]).toEqual({ userids: ['lina'], responseCode: card.responseCode, replaceName: '已选：查看漏斗' });
    expect(w.fake.responseCodeUsed(card.responseCode!)).toBe(true);
    expect(w.app.store.wecom.clicksOf(taskId)).toMatchObject([{ wecomUserId: 'lina', eventKey: '/我的漏斗', label: '查看漏斗', updateStatus: 'updated' }]);

    // WeCom retrying the same click event: nothing runs twice, the single-use code is not reused.
    await w.client.postRaw(click.body, click.query);
    await w.app.dispatcher.drain('wecom');
    expect(w.fake.delivered('lina')).toHaveLength(2);
    expect(w.fake.cardUpdates).toHaveLength(1);
    expect(w.app.store.wecom.clicksOf(taskId)).toHaveLength(1);
  });

  it('renders plain cards as text_notice', async () => {
    const zw = w.app.store.users.get('demo-zhangwei')!;
    w.app.services.push(zw, { kind: 'card', card: { title: '张伟的晨报', description: '3月2日', fields: [{ label: '在跟', value: '16个' }] } });
    await w.fake.waitFor(() => w.fake.delivered('zhangwei').length > 0);
    expect(w.fake.delivered('zhangwei')[0]!.body.template_card).toMatchObject({
      card_type: 'text_notice',
      main_title: { title: '张伟的晨报', desc: '3月2日' },
      horizontal_content_list: [{ keyname: '在跟', value: '16个' }],
    });
  });
});
