// In-process domain events, so modules react to each other without importing each other
// (a stage change triggers SOP cards; fresh signals trigger card pushes). Listeners run
// synchronously after the change is stored; a failing listener is logged, never rethrown.
import type { Logger } from '../logger.ts';
import type { Opportunity } from '../domain/types.ts';
import type { Stage } from '../domain/stages.ts';
import type { StoredSignal } from '../domain/insight/signal.ts';

export interface DomainEvents {
  stageChanged: { opportunity: Opportunity; fromStage: Stage | null; toStage: Stage; changedBy: string | null; source: string };
  signalsExtracted: { conversationId: number; userId: string | null; customerId: string | null; signals: StoredSignal[] };
  userChanged: { userId: string; created: boolean };
  /** A user opened a customer with /客户 (conversation attribution may use the last one). */
  customerOpened: { userId: string; customerId: string; at: number };
}

type Listener<K extends keyof DomainEvents> = (payload: DomainEvents[K]) => void;

export function createEventHub(logger: Logger) {
  const listeners = new Map<keyof DomainEvents, Listener<any>[]>();
  return {
    on<K extends keyof DomainEvents>(event: K, listener: Listener<K>): () => void {
      const list = listeners.get(event) ?? [];
      list.push(listener);
      listeners.set(event, list);
      return () => listeners.set(event, (listeners.get(event) ?? []).filter((l) => l !== listener));
    },
    emit<K extends keyof DomainEvents>(event: K, payload: DomainEvents[K]): void {
      for (const listener of listeners.get(event) ?? []) {
        try {
          listener(payload);
        } catch (error) {
          logger.error({ err: error, event }, 'event listener failed');
        }
      }
    },
  };
}

export type EventHub = ReturnType<typeof createEventHub>;
