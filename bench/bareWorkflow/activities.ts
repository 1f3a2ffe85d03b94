// The bare workflow's only activity: it does nothing, so what remains is Temporal's own cost.
export interface BareActivities {
  noop(): Promise<void>;
}

export const bareActivities: BareActivities = {
  async noop() {},
};
