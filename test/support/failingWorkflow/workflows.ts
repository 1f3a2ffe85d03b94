// A workflow whose every task fails: a plain Error fails the workflow task, not the workflow, and
// Temporal retries it. The dashboards test runs it so the SDK's failure metric exists to be named.
export async function failingTask(): Promise<never> {
  throw new Error('this workflow task fails on purpose');
}
