// Public surface of relay health: checks from the control port and tor's MetricsPort, each with a fix.
export type { HealthCheck, HealthStatus, HealthControlFacts, FamilyMember, OverloadSignal } from './types.js';
export { NO_HEALTH_FACTS } from './types.js';
export { evaluateHealth, isExitRelay, worstStatus, summarizeHealth, healthRank, type HealthInput, type HealthSummary } from './evaluate-health.js';
export { overloadSignals, onionskinCounts, type OnionskinCounts } from './metrics-checks.js';
export { controlChecks, span } from './control-checks.js';
export { metricsChecks } from './metrics-checks.js';
export { sumMetric, sumByLabel } from './metric-values.js';
export { parseReachabilityReply, descriptorOverload, extraInfoOverload, clockSkewOf, familyMemberState, hasFamilyIds, splitFamily } from './read-facts.js';
