import { createClient } from 'redis';
import type { Logger } from '../log';
import type { PostgresStore } from '../store/postgres-store';
import { RemotePresence, type RoomServices, type WriteBudget } from '../sync/room-log';
import { ClusterLog } from './cluster-log';
import { SharedWriteBudget } from './write-budget';
import { CONTROL_CHANNEL, decodeControlMessage, decodeRoomMessage, encodeRoomMessage, heartbeatKey, roomChannel, type ControlMessage, type RoomMessage } from './wire';

export type ClusterOptions = {
  store: PostgresStore;
  redisUrl: string;
  instance: string;
  log: Logger;
  /** Reconciliation tick and heartbeat interval. */
  tickMs?: number;
  /** How long an instance's heartbeat key lives: its clients' presence goes this long after it dies (plus a tick). */
  heartbeatTtlMs?: number;
};

export type Cluster = RoomServices & {
  /** For tests: the loaded rooms' logs. */
  logs(): ReadonlyMap<string, ClusterLog>;
};

type Redis = ReturnType<typeof createClient>;

/**
 * Rooms shared between instances: PostgreSQL orders and stores every update (ClusterLog),
 * Redis carries "it is stored" to the other instances, presence (never stored) on the same
 * room channel, link-rotation closes on a control channel, instance heartbeats as keys with a
 * short expiry, and per-workshop write budgets as counters.
 *
 * Redis is a messenger, never a store: anything lost in it (a subscriber cut off for being
 * slow, a restart, a reconnect) is read back from PostgreSQL, by the tick (one query a second
 * over this instance's rooms) and by a full re-read after every reconnect.
 */
export async function openCluster(options: ClusterOptions): Promise<Cluster> {
  const { store, instance, log } = options;
  const tickMs = options.tickMs ?? 1000;
  const heartbeatTtlMs = options.heartbeatTtlMs ?? 3000;
  // Commands fail at once while Redis is away instead of queueing: publishes are fire and
  // forget (PostgreSQL has everything), budgets fall back to what this instance counted.
  const clientOptions = {
    url: options.redisUrl,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 1000), connectTimeout: 5000 },
  };
  const commands: Redis = createClient(clientOptions);
  const subscriber: Redis = createClient(clientOptions);
  const logs = new Map<string, ClusterLog>();
  const owners = new Map<string, RemotePresence>();
  let closeHere: (workshopId: string, hashes: ReadonlySet<string>) => void = () => {};
  /** Link-rotation closes not yet announced (Redis was away): sent after the reconnect. */
  const unannounced: ControlMessage[] = [];
  let closing = false;

  commands.on('error', (error: Error) => log('redis error', { client: 'commands', error: String(error) }));
  subscriber.on('error', (error: Error) => log('redis error', { client: 'subscriber', error: String(error) }));
  let subscriberReadyBefore = false;
  subscriber.on('ready', () => {
    if (!subscriberReadyBefore) {
      subscriberReadyBefore = true;
      return;
    }
    // Messages sent while we were away are lost: read every active room back from PostgreSQL.
    log('redis subscriber reconnected; re-reading active rooms', { rooms: logs.size });
    for (const roomLog of logs.values()) void roomLog.resubscribe().then(() => roomLog.resync());
  });
  commands.on('ready', () => {
    for (const message of unannounced.splice(0)) announce(message);
  });
  await Promise.all([commands.connect(), subscriber.connect()]);
  await subscriber.subscribe(CONTROL_CHANNEL, (text: string) => {
    const message = decodeControlMessage(text);
    if (message && message.instance !== instance) closeHere(message.workshopId, new Set(message.hashes));
  });

  function publish(channel: string, message: RoomMessage): void {
    commands.publish(channel, Buffer.from(encodeRoomMessage(message))).catch(() => {
      // Lost: the others' reconciliation tick reads it from PostgreSQL.
    });
  }

  function announce(message: ControlMessage): void {
    commands.publish(CONTROL_CHANNEL, JSON.stringify(message)).catch(() => unannounced.push(message));
  }

  function ownerOf(other: string): RemotePresence {
    let owner = owners.get(other);
    if (!owner) owners.set(other, (owner = new RemotePresence(other)));
    return owner;
  }

  /**
   * One query a second over every loaded room finds updates whose message never came (an
   * instance died between commit and publish, or Redis dropped it); one MGET finds instances
   * whose heartbeat expired, and their clients' presence is dropped everywhere.
   */
  let ticking = false;
  async function tick(): Promise<void> {
    if (ticking || closing) return;
    ticking = true;
    try {
      // Apart: a Redis that fails the heartbeat must not stop the reconciliation with
      // PostgreSQL, which is what keeps rooms in step while Redis misbehaves.
      try {
        await heartbeat();
      } catch (error) {
        log('cluster heartbeat failed', { error: String(error) });
      }
      try {
        if (logs.size > 0) {
          const heads = await store.heads([...logs.keys()]);
          for (const [name, head] of heads) logs.get(name)?.reconcile(head);
        }
      } catch (error) {
        log('cluster reconciliation failed', { error: String(error) });
      }
    } finally {
      ticking = false;
    }
  }

  async function heartbeat(): Promise<void> {
    if (!commands.isReady) return;
    // GET tells whether our key had expired (Redis restarted, or this process stalled): the
    // others may have dropped our clients' presence, so tell them again.
    const previous = await commands.set(heartbeatKey(instance), '1', { expiration: { type: 'PX', value: heartbeatTtlMs }, GET: true });
    if (previous === null && subscriberReadyBefore) for (const roomLog of logs.values()) roomLog.republishPresence();
    if (owners.size === 0) return;
    const others = [...owners.keys()];
    const alive = await commands.mGet(others.map(heartbeatKey));
    others.forEach((other, i) => {
      if (alive[i] !== null) return;
      const owner = owners.get(other)!;
      owners.delete(other);
      log('instance gone; dropping its presence', { instance: other });
      for (const roomLog of logs.values()) roomLog.presenceGone(owner);
    });
  }

  const timer = setInterval(() => void tick(), tickMs);
  timer.unref();
  await heartbeat().catch(() => {});

  return {
    instance,
    logs: () => logs,
    openLog(name, events) {
      const channel = roomChannel(name);
      let listener: ((message: Buffer) => void) | null = null;
      const roomLog = new ClusterLog({
        name,
        instance,
        store,
        events,
        log,
        ownerOf,
        async subscribe(onMessage) {
          listener = (data: Buffer) => {
            const message = decodeRoomMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
            if (message) onMessage(message);
          };
          await subscriber.subscribe(channel, listener, true);
        },
        unsubscribe() {
          if (logs.get(name) === roomLog) logs.delete(name);
          if (listener) subscriber.unsubscribe(channel, listener, true).catch(() => {});
        },
        publish: (message) => publish(channel, message),
      });
      // A room that failed and is reopened replaces its predecessor.
      logs.set(name, roomLog);
      return roomLog;
    },
    writeBudget(workshopId, bytesPerMinute): WriteBudget {
      return new SharedWriteBudget(commands, workshopId, bytesPerMinute);
    },
    closeEverywhere(workshopId, hashes) {
      closeHere(workshopId, hashes);
      announce({ kind: 'close-links', instance, workshopId, hashes: [...hashes] });
    },
    onClose(handler) {
      closeHere = handler;
    },
    async close() {
      closing = true;
      clearInterval(timer);
      // Our clients' presence goes with us at once (a crash takes the heartbeat's expiry).
      await commands.del(heartbeatKey(instance)).catch(() => {});
      await Promise.all([commands.close().catch(() => {}), subscriber.close().catch(() => {})]);
    },
  };
}
