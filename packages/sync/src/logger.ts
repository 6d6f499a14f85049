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

/**
 * A logger that adds `fields` to each line it passes to `logger`, without making a child logger: a
 * room's many connections mostly log nothing (or only below the level in use), and a child logger
 * of pino's holds its fields, serialized, for as long as it lives.
 */
export function withFields(logger: Logger, fields: LogFields): Logger {
  return {
    debug: (more, message) => logger.debug({ ...fields, ...more }, message),
    info: (more, message) => logger.info({ ...fields, ...more }, message),
    warn: (more, message) => logger.warn({ ...fields, ...more }, message),
    error: (more, message) => logger.error({ ...fields, ...more }, message),
    child: (more) => withFields(logger, { ...fields, ...more }),
  };
}
