// Structured logging: the logger, the per-request line, and the redaction of secrets in text.
export { createLogger, flushLogs } from './logger';
export type { CreateLoggerOptions, Logger } from './logger';
export { requestLogger } from './request-logger';
export { redactText } from './redact-text';
