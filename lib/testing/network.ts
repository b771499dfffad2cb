import * as Y from 'yjs';

/**
 * An in-memory network for convergence tests: every update a document emits is held in a
 * queue per receiving document, and delivered later — some at a time, in shuffled order, or
 * all at once by `flush`. Yjs must converge whatever the order and grouping of delivery.
 */
export class Network {
  private readonly queues: Uint8Array[][];

  constructor(
    readonly docs: readonly Y.Doc[],
    private readonly random: () => number,
  ) {
    this.queues = docs.map(() => []);
    docs.forEach((doc, from) =>
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        // An update this network delivered is not sent on: every document hears every other directly.
        if (origin === this) return;
        docs.forEach((_, to) => to !== from && this.queues[to]!.push(update));
      }),
    );
  }

  /** Delivers a random number of held updates (from the front of its queue) to one random document, shuffled. */
  deliverSome(): void {
    const to = Math.floor(this.random() * this.docs.length);
    const queue = this.queues[to]!;
    const batch = queue.splice(0, Math.floor(this.random() * (queue.length + 1)));
    for (let i = batch.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [batch[i], batch[j]] = [batch[j]!, batch[i]!];
    }
    for (const update of batch) Y.applyUpdate(this.docs[to]!, update, this);
  }

  /** Delivers everything still held, until no document has anything left to hear. */
  flush(): void {
    while (this.queues.some((q) => q.length > 0)) {
      this.queues.forEach((queue, to) => {
        for (const update of queue.splice(0)) Y.applyUpdate(this.docs[to]!, update, this);
      });
    }
  }

  /** How many updates are held for delivery. */
  get held(): number {
    return this.queues.reduce((sum, q) => sum + q.length, 0);
  }
}
