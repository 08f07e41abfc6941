import type { UsageReport } from '@/lib/limits/usage-report';
import { formatCost } from './format';

/** The budget meter's line: what a key may still spend today and this month, and its runs in flight. */
export interface BudgetSummary {
  text: string;
  /** Nothing left today or this month: the next question will be refused. */
  exhausted: boolean;
}

/** Null when there is nothing to show: personal mode, or a key whose limits are neither budgets nor in flight. */
export function budgetSummary(report: UsageReport): BudgetSummary | null {
  if (!report.limited) return null;
  const parts: string[] = [];
  if (report.day.remainingUsd !== null && report.day.limitUsd !== null) {
    parts.push(`${formatCost(report.day.remainingUsd)} of ${formatCost(report.day.limitUsd)} left today`);
  }
  if (report.month.remainingUsd !== null && report.month.limitUsd !== null) {
    parts.push(`${formatCost(report.month.remainingUsd)} of ${formatCost(report.month.limitUsd)} this month`);
  }
  if (report.limits.concurrent !== undefined) parts.push(`${report.inFlight} of ${report.limits.concurrent} runs in flight`);
  if (parts.length === 0) return null;
  const exhausted = report.day.remainingUsd === 0 || report.month.remainingUsd === 0;
  return { text: `Budget: ${parts.join(' · ')}`, exhausted };
}

/** Reads a GET /api/usage body defensively (an older server, a proxy page): null when it is not a report. */
export function parseUsageReport(body: unknown): UsageReport | null {
  if (typeof body !== 'object' || body === null) return null;
  const { limited, day, month, limits } = body as Record<string, unknown>;
  if (limited === false) return { limited: false };
  if (limited !== true || !isObject(day) || !isObject(month) || !isObject(limits)) return null;
  return body as UsageReport;
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}
