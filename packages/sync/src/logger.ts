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
 * of pino's holds its fields, serialized, for as long as it lives. Its methods are its class's, so
 * each connection's costs one small object rather than five closures.
 */
export function withFields(logger: Logger, fields: LogFields): Logger {
  return new FieldLogger(logger, fields);
}

class FieldLogger implements Logger {
  constructor(
    private readonly logger: Logger,
    private readonly fields: LogFields,
  ) {}

  debug(more: LogFields, message: string): void {
    this.logger.debug({ ...this.fields, ...more }, message);
  }

  info(more: LogFields, message: string): void {
    this.logger.info({ ...this.fields, ...more }, message);
  }

  warn(more: LogFields, message: string): void {
    this.logger.warn({ ...this.fields, ...more }, message);
  }

  error(more: LogFields, message: string): void {
    this.logger.error({ ...this.fields, ...more }, message);
  }

  child(more: LogFields): Logger {
    return new FieldLogger(this.logger, { ...this.fields, ...more });
  }
}
