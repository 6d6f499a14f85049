/**
 * Things started before anyone asked for them (a request, a room), each to be taken once by whoever
 * asks for it by name; one nobody takes within `unusedMs` is given to `drop`.
 */
export class TakenOnce<T> {
  private readonly waiting = new Map<string, { value: T; unused: ReturnType<typeof setTimeout> }>();

  constructor(
    private readonly unusedMs: number,
    private readonly drop: (value: T) => void = () => undefined,
  ) {}

  /** Whether something is waiting under `name`. */
  has(name: string): boolean {
    return this.waiting.has(name);
  }

  /** Keeps `value` under `name` until it is taken or its time runs out. */
  put(name: string, value: T): void {
    const unused = setTimeout(() => {
      this.waiting.delete(name);
      this.drop(value);
    }, this.unusedMs);
    this.waiting.set(name, { value, unused });
  }

  /** What is waiting under `name`, now the caller's; undefined if nothing is. */
  take(name: string): T | undefined {
    const entry = this.waiting.get(name);
    if (!entry) return undefined;
    this.waiting.delete(name);
    clearTimeout(entry.unused);
    return entry.value;
  }
}
