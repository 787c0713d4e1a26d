export { checkReadiness, type ReadinessContext, type ReadinessInput } from './processing-readiness';
