/**
 * A time's UTC calendar date, YYYY-MM-DD: the day billing counts
 * subscription periods, due dates and overdue statuses in.
 */
export const utcDate = (time: Date): string => time.toISOString().slice(0, 10);
