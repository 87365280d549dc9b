// One object with every repository, built over one database handle.
import type { Db } from './db.ts';
import { createUsersStore } from './users-store.ts';
import { createCustomersStore } from './customers-store.ts';
import { createOpportunitiesStore } from './opportunities-store.ts';
import { createInboxStore } from './inbox-store.ts';
import { createOutboxStore } from './outbox-store.ts';
import { createSignalsStore } from './signals-store.ts';
import { createSopStore } from './sop-store.ts';
import { createWecomStore } from './wecom-store.ts';
import { createPipelineStore } from './pipeline-store.ts';
import { createInsightStore } from './insight-store.ts';

export function createStore(db: Db, now: () => number = Date.now) {
  return {
    db,
    users: createUsersStore(db, now),
    customers: createCustomersStore(db, now),
    opportunities: createOpportunitiesStore(db, now),
    inbox: createInboxStore(db, now),
    outbox: createOutboxStore(db, now),
    signals: createSignalsStore(db, now),
    sop: createSopStore(db, now),
    wecom: createWecomStore(db, now),
    pipeline: createPipelineStore(db, now),
    insight: createInsightStore(db, now),
  };
}

export type Store = ReturnType<typeof createStore>;
