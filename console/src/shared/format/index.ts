export { formatFen, formatFenInTable, fenToYuanText } from './money';
export { formatDate, formatDateTime, TIME_ZONE } from './dates';
export {
  type DeadlineLight,
  type WorkingDayRule,
  DUE_SOON_WORKING_DAYS,
  addWorkingDays,
  deadlineLight,
  officialCalendar,
  weekdaysOnly,
} from './deadline';
