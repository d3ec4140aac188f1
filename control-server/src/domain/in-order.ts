/**
 * Runs tasks one after another in the order they were handed in, each starting only when the one
 * before has settled. Show commands go through one of these per hub: two GOs arriving together
 * never interleave their read, check and write, even when the store makes them wait on the network.
 */
export class InArrivalOrder {
  private tail: Promise<unknown> = Promise.resolve();

  /** Queues `task`; answers what it answers (or its error) once every earlier task has settled. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const turn = this.tail.then(task);
    // A refused or failed command must not stop the ones behind it.
    this.tail = turn.catch(() => undefined);
    return turn;
  }
}
