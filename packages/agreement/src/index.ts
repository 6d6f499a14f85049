export {
  type AlphaDetails,
  type AlphaOptions,
  krippendorffAlpha,
  krippendorffAlphaDetails,
  MeasurementLevel,
} from "./alpha";
export { binaryAgreement } from "./binary-counts";
export { type CharacterAgreement, characterAgreement } from "./character-agreement";
export type { Observation, PairableValue } from "./coincidences";
export type { Label } from "./cross-tabulation";
export { type ComparedCoding, type Disagreement, disagreementsOf } from "./disagreements";
export { AgreementInputError } from "./errors";
export { type FleissDetails, fleissKappa, fleissKappaDetails } from "./fleiss";
export {
  type BennettSOptions,
  bennettS,
  type CohenKappaOptions,
  cohenKappa,
  cohenKappaDetails,
  type KappaDetails,
  KappaWeights,
  scottPi,
} from "./kappa";
export { percentAgreement } from "./percent";
export {
  AGREEMENT_UNITS,
  type AgreementFigure,
  type AgreementUnit,
  type PlacedCoding,
  type RoundAgreement,
  type RoundAgreementInput,
  type RoundTranscript,
  roundAgreement,
} from "./round-agreement";
export { type UnitizedAlphaOptions, type UnitizedAlphas, unitizedAlpha } from "./unitized";
export {
  type UnitizedAlpha1995Details,
  unitizedAlpha1995,
  unitizedAlpha1995Details,
  type ValueDisagreement1995,
} from "./unitized-1995";
export type { CoderUnit, UnitizingOptions } from "./unitizing-data";
