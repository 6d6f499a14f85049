/** Structured fields attached to a log line. Never put document content here. */
export type LogFields = Record<string, unknown>;

/**
 * The logging surface the room uses. pino's logger satisfies it; tests can pass
 * {@link silentLogger} or a recorder.
 */
export interface Logger {
  debug(fields: LogFields, message: string): void;
  info(fields: LogFields, message: string): void;
  warn(fields: LogFields, message: string): void;
  error(fields: LogFields, message: string): void;
  child(fields: LogFields): Logger;
}

/** A logger that drops everything. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};
