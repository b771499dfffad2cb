import type { StoreKind } from '../lib/api-client';
import { openCluster } from './cluster/cluster';
import type { ServerConfig } from './config';
import type { Logger } from './log';
import { openPostgresStore } from './store/postgres-store';
import { openSqliteStore } from './store/sqlite-store';
import type { Store } from './store/types';
import { localRoomServices, type RoomServices } from './sync/room-log';

export type Backend = { store: Store; storeKind: StoreKind; services: RoomServices };

/**
 * Where this instance keeps workshops and how it shares rooms, from the configuration:
 * - nothing set: the embedded SQLite file under DATA_DIR, one instance (the default);
 * - DATABASE_URL: PostgreSQL (schema created or migrated at start), one instance;
 * - DATABASE_URL and REDIS_URL: PostgreSQL plus Redis, any number of instances sharing rooms.
 */
export async function openBackend(config: ServerConfig, log: Logger): Promise<Backend> {
  if (!config.databaseUrl) {
    const store = openSqliteStore(config.dataDir);
    return { store, storeKind: 'sqlite', services: localRoomServices(store, config.instanceId) };
  }
  const store = await openPostgresStore(config.databaseUrl, { log });
  if (!config.redisUrl) {
    // Compaction from PostgreSQL's rows, never from this instance's copy: should a second
    // instance run on the same database without REDIS_URL (a misconfiguration), its edits are
    // in rows this one never saw, and a snapshot of the live document would delete them.
    const services = localRoomServices(store, config.instanceId, (name) => store.compactFromRows(name));
    return { store, storeKind: 'postgres', services };
  }
  try {
    const services = await openCluster({ store, redisUrl: config.redisUrl, instance: config.instanceId, log });
    return { store, storeKind: 'postgres', services };
  } catch (error) {
    store.close();
    throw error;
  }
}
