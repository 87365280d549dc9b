// SQL for customers and their external contact ids.
import type { Db } from './db.ts';
import type { Customer } from '../domain/types.ts';

interface CustomerRow {
  id: string;
  name: string;
  owner_id: string;
  industry: string | null;
  tier: 'K' | 'R' | null;
  aliases: string;
}

export function createCustomersStore(db: Db, now: () => number = Date.now) {
  const byId = db.prepare<[string], CustomerRow>('SELECT * FROM customers WHERE id = ?');
  const byOwner = db.prepare<[string], CustomerRow>('SELECT * FROM customers WHERE owner_id = ? ORDER BY name');
  const all = db.prepare<[], CustomerRow>('SELECT * FROM customers ORDER BY name');
  const contactsOf = db.prepare<[string], { external_user_id: string }>(
    'SELECT external_user_id FROM customer_contacts WHERE customer_id = ? ORDER BY external_user_id',
  );
  const existsById = db.prepare<[string], { found: number }>('SELECT 1 AS found FROM customers WHERE id = ?');
  const customerOfContact = db.prepare<[string], { customer_id: string }>('SELECT customer_id FROM customer_contacts WHERE external_user_id = ?');
  const byContact = db.prepare<[string], CustomerRow>(
    'SELECT c.* FROM customers c JOIN customer_contacts x ON x.customer_id = c.id WHERE x.external_user_id = ?',
  );
  const upsert = db.prepare(`
    INSERT INTO customers (id, name, owner_id, industry, tier, aliases, updated_at)
    VALUES (@id, @name, @ownerId, @industry, @tier, @aliases, @updatedAt)
    ON CONFLICT(id) DO UPDATE SET name = excluded.name, owner_id = excluded.owner_id, industry = excluded.industry,
      tier = excluded.tier, aliases = excluded.aliases, updated_at = excluded.updated_at`);
  const search = db.prepare<{ text: string; limit: number }, CustomerRow>(
    `SELECT * FROM customers
      WHERE instr(name, @text) > 0 OR EXISTS (SELECT 1 FROM json_each(customers.aliases) WHERE instr(value, @text) > 0)
      ORDER BY name LIMIT @limit`,
  );
  const deleteContacts = db.prepare('DELETE FROM customer_contacts WHERE customer_id = ?');
  const insertContact = db.prepare(
    'INSERT INTO customer_contacts (external_user_id, customer_id) VALUES (?, ?) ON CONFLICT(external_user_id) DO UPDATE SET customer_id = excluded.customer_id',
  );

  const toCustomer = (r: CustomerRow): Customer => ({
    id: r.id,
    name: r.name,
    ownerId: r.owner_id,
    industry: r.industry,
    tier: r.tier,
    aliases: JSON.parse(r.aliases) as string[],
    externalUserIds: contactsOf.all(r.id).map((c) => c.external_user_id),
  });

  return {
    get: (id: string): Customer | null => {
      const r = byId.get(id);
      return r ? toCustomer(r) : null;
    },
    /** True when a customer with this id is stored (a check needs no aliases or contacts). */
    exists: (id: string): boolean => existsById.get(id) !== undefined,
    listByOwner: (ownerId: string): Customer[] => byOwner.all(ownerId).map(toCustomer),
    list: (): Customer[] => all.all().map(toCustomer),
    /** Customers whose name or an alias contains the text. */
    search: (text: string, limit = 50): Customer[] => search.all({ text, limit }).map(toCustomer),
    findByExternalUserId: (externalUserId: string): Customer | null => {
      const r = byContact.get(externalUserId);
      return r ? toCustomer(r) : null;
    },
    /** The id of the customer an external contact belongs to (attribution needs no more). */
    customerIdOfContact: (externalUserId: string): string | null => customerOfContact.get(externalUserId)?.customer_id ?? null,
    upsert(c: Customer): void {
      upsert.run({
        id: c.id,
        name: c.name,
        ownerId: c.ownerId,
        industry: c.industry,
        tier: c.tier,
        aliases: JSON.stringify(c.aliases),
        updatedAt: now(),
      });
      deleteContacts.run(c.id);
      for (const ext of c.externalUserIds) insertContact.run(ext, c.id);
    },
  };
}

export type CustomersStore = ReturnType<typeof createCustomersStore>;
