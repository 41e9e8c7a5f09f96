export { allocateReservations } from './allocateReservations';
export { allocateSavingsPlans } from './allocateSavingsPlans';
export { normalizationFactor, tryNormalizationFactor, familySizesOf, splitInstanceType } from './normalizationFactor';
export type { FamilySizes } from './normalizationFactor';
export { loadRiUsage } from './loadRiUsage';
export { loadReservations } from './loadReservations';
export { loadSpUsage } from './loadSpUsage';
export { loadSavingsPlans } from './loadSavingsPlans';
export { canonicalAccount, canonicalPlatform, canonicalTenancy, regionOfZone } from './canonical';
export type {
  RiUsageRow, Reservation, ReservationScope, RiOptions, RiUsageAllocation, ReservationUse, RiAllocation,
} from './riAllocation';
export type {
  SpUsageRow, SavingsPlan, SavingsPlanType, SpOptions, SpUsageAllocation, SavingsPlanUse, SpTotals, SpAllocation,
} from './spAllocation';
