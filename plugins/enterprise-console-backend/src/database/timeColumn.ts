/**
 * A timestamp column as a query reads it back: SQLite gives epoch
 * milliseconds (a number, or text from an expression), PostgreSQL a Date.
 * Read it through `readTimestamp` of `./columns`, or `new Date(value)`.
 */
export type TimeColumn = Date | number | string;
